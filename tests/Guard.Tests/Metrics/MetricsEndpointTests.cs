using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Guard.Configuration;
using Guard.Logging;
using Guard.Metrics;
using Guard.Probing;
using Guard.State;
using Guard.Tests.State;
using Guard.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.Tests.Metrics;

/// <summary>The real endpoint on 127.0.0.1, scraped over HTTP after scripted probe rounds.</summary>
public sealed class MetricsEndpointTests : IAsyncDisposable
{
    private const string Secret = "tok-metrics-CANARY-x8Rw2";
    private const string Healthy = "google/gemini-3-flash";
    private const string Limited = "zhipu/glm-4.7";
    private static readonly string Leaky = $"custom/{Secret}";

    private readonly SignallingTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
    private readonly StateStore _store = new(new GuardState(), Path.Combine(Path.GetTempPath(), "unused-metrics-state.json"));
    private readonly ScriptedProber _prober;
    private readonly ProbeScheduler _scheduler;
    private readonly GuardMetrics _metrics;
    private readonly List<MetricsEndpoint> _endpoints = [];
    private readonly HttpClient _http = new();

    public MetricsEndpointTests()
    {
        _prober = new ScriptedProber(_time);
        var options = new GuardOptions
        {
            Probe = new ProbeOptions { FallbackDelay = TimeSpan.Zero },
            Models = [Model(Healthy), Model(Limited), Model(Leaky)],
        };
        _scheduler = TestScheduler.Create(options, _prober, _store, _time);
        _metrics = new GuardMetrics(_store, new SecretRedactor([Secret]), _time);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var endpoint in _endpoints)
        {
            await endpoint.StopAsync(CancellationToken.None);
        }

        _scheduler.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task Scrape_AfterScriptedRounds_ExposesModelChainAndRestartMetrics()
    {
        // A restart finished before Guard started was counted by the previous process.
        _store.Update(s => s.Restarts.Add(new RestartRecord { At = _time.GetUtcNow().AddHours(-2), Outcome = "restarted", Trigger = "ChainDark", JobResult = "done" }));
        var metrics = new GuardMetrics(_store, new SecretRedactor([Secret]), _time);
        var url = await StartAsync(metrics);
        _prober.Handler = (m, t, _) => Task.FromResult(m.Id switch
        {
            Healthy => TestChain.Ok(m.Id, t, latencyMs: 180),
            Limited => TestChain.Fail(m.Id, FailureKind.RateLimited, t, 429),
            _ => TestChain.Fail(m.Id, FailureKind.AuthFailed, t, 401),
        });

        // What the service's listener does with each RoundCompleted on the bus, here in step with the rounds.
        using var rounds = new MetricsRoundListener(TestScheduler.Hub(), metrics, NullLogger<MetricsRoundListener>.Instance);
        await rounds.HandleAsync(new RoundCompleted((await _scheduler.RunRoundAsync(CancellationToken.None))!), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(30));
        await rounds.HandleAsync(new RoundCompleted((await _scheduler.RunRoundAsync(CancellationToken.None))!), CancellationToken.None);

        var darkSince = _time.GetUtcNow().AddSeconds(-95);
        _store.Update(s =>
        {
            s.Chain.DarkSince = darkSince;
            s.Restarts.Add(new RestartRecord { At = darkSince.AddSeconds(60), Outcome = "restarted", Trigger = "ChainDark", JobResult = "done", Verified = true });
            s.Restarts.Add(new RestartRecord { At = darkSince.AddSeconds(70), Outcome = "skipped", Trigger = "ChainDark" });
            s.Restarts.Add(new RestartRecord { At = darkSince.AddSeconds(80), Outcome = "restarted", Trigger = "GatewayHung" }); // still pending
        });

        using var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"guard_model_up{{model=\"{Healthy}\"}} 1", lines);
        Assert.Contains($"guard_model_up{{model=\"{Limited}\"}} 0", lines);
        Assert.Contains($"guard_model_failures_total{{model=\"{Limited}\",kind=\"RateLimited\"}} 2", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith($"guard_model_failures_total{{model=\"{Healthy}\"", StringComparison.Ordinal));
        Assert.Contains($"guard_probe_latency_seconds_count{{model=\"{Healthy}\"}} 2", lines);
        Assert.Contains($"guard_probe_latency_seconds_bucket{{model=\"{Healthy}\",le=\"0.1\"}} 0", lines);
        Assert.Contains($"guard_probe_latency_seconds_bucket{{model=\"{Healthy}\",le=\"0.25\"}} 2", lines);
        Assert.Contains("guard_probe_rounds_total 2", lines);
        Assert.Contains($"guard_last_round_timestamp_seconds {_time.GetUtcNow().ToUnixTimeSeconds()}", lines);
        Assert.Contains("guard_chain_dark_seconds 95", lines);
        Assert.Contains("guard_gateway_restarts_total{outcome=\"restarted\"} 1", lines);
        Assert.Contains("guard_gateway_restarts_total{outcome=\"skipped\"} 1", lines);
        Assert.Contains(lines, l => l.StartsWith("guard_build_info{version=\"", StringComparison.Ordinal) && l.EndsWith("} 1", StringComparison.Ordinal));

        // The secret-bearing model id is still measured, under a masked label.
        Assert.Contains("guard_model_failures_total{model=\"custom/***\",kind=\"AuthFailed\"} 2", lines);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_RestartFinishesBetweenScrapes_CountedOnce()
    {
        var url = await StartAsync(_metrics);
        var at = _time.GetUtcNow();
        _store.Update(s => s.Restarts.Add(new RestartRecord { At = at, Outcome = "restarted", Trigger = "ChainDark" }));
        Assert.DoesNotContain("guard_gateway_restarts_total{outcome=", await _http.GetStringAsync(url), StringComparison.Ordinal);

        _store.Update(s => s.Restarts[0] = new RestartRecord { At = at, Outcome = "restart-failed", Trigger = "ChainDark", JobResult = "failed" });
        Assert.Contains("guard_gateway_restarts_total{outcome=\"restart-failed\"} 1", await _http.GetStringAsync(url), StringComparison.Ordinal);
        Assert.Contains("guard_gateway_restarts_total{outcome=\"restart-failed\"} 1", await _http.GetStringAsync(url), StringComparison.Ordinal);
        Assert.Contains("guard_chain_dark_seconds 0", await _http.GetStringAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetQuota_ForecastAppearsAndGoes()
    {
        _metrics.SetQuota(Limited, 0.82, TimeSpan.FromMinutes(25));
        var text = await _metrics.ExportAsync();
        Assert.Contains($"guard_quota_used_ratio{{model=\"{Limited}\"}} 0.82", text, StringComparison.Ordinal);
        Assert.Contains($"guard_quota_exhaustion_forecast_seconds{{model=\"{Limited}\"}} 1500", text, StringComparison.Ordinal);

        _metrics.SetQuota(Limited, 0.83, untilExhausted: null);
        text = await _metrics.ExportAsync();
        Assert.Contains($"guard_quota_used_ratio{{model=\"{Limited}\"}} 0.83", text, StringComparison.Ordinal);
        Assert.DoesNotContain("guard_quota_exhaustion_forecast_seconds{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoint_ListensOnLoopbackOnly()
    {
        var url = await StartAsync(_metrics);
        Assert.Equal("127.0.0.1", url.Host);

        var other = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (other is null)
        {
            return; // no second address on this machine to try
        }

        using var client = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(other, url.Port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task Endpoint_Disabled_BindsNothing()
    {
        var port = FreePort();
        var endpoint = new MetricsEndpoint(new MetricsOptions { Enabled = false, Port = port }, _metrics, NullLogger<MetricsEndpoint>.Instance);
        _endpoints.Add(endpoint);
        await endpoint.StartAsync(CancellationToken.None);

        Assert.Null(endpoint.Url);
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Endpoint_PortTaken_LogsAndGuardGoesOn()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var logger = new RecordingLogger<MetricsEndpoint>();
        var endpoint = new MetricsEndpoint(new MetricsOptions { Enabled = true, Port = port }, _metrics, logger);
        _endpoints.Add(endpoint);

        await endpoint.StartAsync(CancellationToken.None);

        Assert.Null(endpoint.Url);
        Assert.Contains(logger.Entries, e => e.Id.Id == 7001 && e.Message.Contains($"127.0.0.1:{port}", StringComparison.Ordinal));
    }

    private async Task<Uri> StartAsync(GuardMetrics metrics)
    {
        var endpoint = new MetricsEndpoint(new MetricsOptions { Enabled = true, Port = FreePort() }, metrics, NullLogger<MetricsEndpoint>.Instance);
        _endpoints.Add(endpoint);
        await endpoint.StartAsync(CancellationToken.None);
        return endpoint.Url ?? throw new InvalidOperationException("metrics endpoint did not start");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static ModelOptions Model(string id) => new() { Id = id, Tiers = [ProbeTier.Reach] };
}
