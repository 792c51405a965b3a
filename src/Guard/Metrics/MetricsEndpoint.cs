using System.Net;
using Guard.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Guard.Metrics;

/// <summary>
/// Serves <see cref="GuardMetrics"/> at <c>http://127.0.0.1:Port/metrics</c> when <c>Guard:Metrics:Enabled</c>,
/// (<see cref="MetricsRoundListener"/> feeds it every completed probe round). Loopback only: scrape through a local Prometheus agent or a tunnel.
/// A port that cannot be bound is logged, never fatal: metrics must not take the watchdog down.
/// </summary>
internal sealed class MetricsEndpoint : IHostedService
{
    public const string Host = "127.0.0.1";
    public const string Path = "metrics/";

    private readonly MetricsOptions _options;
    private readonly GuardMetrics _metrics;
    private readonly ILogger<MetricsEndpoint> _logger;
    private MetricServer? _server;

    public MetricsEndpoint(MetricsOptions options, GuardMetrics metrics, ILogger<MetricsEndpoint> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The URL being served, or null when disabled or not bound.</summary>
    public Uri? Url { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return Task.CompletedTask;
        }

        var server = new MetricServer(Host, _options.Port, Path, _metrics.Registry);
        try
        {
            server.Start();
        }
        catch (HttpListenerException ex)
        {
            MetricsLog.EndpointFailed(_logger, Host, _options.Port, ex.Message);
            server.Dispose();
            return Task.CompletedTask;
        }

        _server = server;
        Url = new Uri($"http://{Host}:{_options.Port}/{Path}");
        MetricsLog.EndpointListening(_logger, Url.ToString());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync().ConfigureAwait(false);
            server.Dispose();
        }
    }
}
