using System.Net;
using Guard.Alerts;
using Guard.Alerts.Channels;
using Guard.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the alert channels: the shared HttpClient and <see cref="IAlertChannelFactory"/>. Needs a <see cref="SecretRedactor"/>.</summary>
public static class AlertChannelsServiceCollectionExtensions
{
    public static IServiceCollection AddGuardAlertChannels(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient(AlertHttpClient.Name, client =>
            {
                // The per-attempt timeout runs on the injected TimeProvider; HttpClient's own would race it.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(Guard.Probing.Http.ProbeHttpClient.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect would carry the webhook token to whatever host it names.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
                UseCookies = false,
            })

            // The factory's own records would log the full URL, token included.
            .RemoveAllLoggers()

            // One handler for the process: PooledConnectionLifetime already renews connections (and DNS); the
            // factory's default 2-minute rotation would rebuild the pool and its timers for nothing.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<IAlertChannelFactory>(sp =>
        {
            // The service has live options and a state file; one-shot commands (test-alert) only their loaded options.
            var live = sp.GetService<Guard.Configuration.LiveOptions>();
            var loaded = sp.GetService<Guard.Configuration.GuardOptions>();
            var state = sp.GetService<Guard.State.StateStore>();
            var time = sp.GetRequiredService<TimeProvider>();
            return new AlertChannelFactory(
                sp.GetRequiredService<IHttpClientFactory>(),
                time,
                sp.GetRequiredService<SecretRedactor>(),
                sp.GetRequiredService<ILoggerFactory>(),
                openClaw: () => live?.Current.OpenClaw ?? loaded?.OpenClaw ?? new Guard.Configuration.OpenClawOptions(),
                gatewayDown: state is null ? null : () => Guard.Alerts.Channels.OpenClaw.GatewayDownSignal.Why(state.Read(s => s.Gateway), time.GetUtcNow()));
        });
        return services;
    }
}
