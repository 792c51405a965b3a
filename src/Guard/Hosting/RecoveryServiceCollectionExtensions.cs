using Guard.Alerts;
using Guard.Recovery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the recovery actor, the restarter, the gateway health probe and the periodic gateway health check (needs AddGuardSystemd).</summary>
public static class RecoveryServiceCollectionExtensions
{
    public static IServiceCollection AddGuardRecovery(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IAlertPublisher>(NullAlertPublisher.Instance);
        services.AddHttpClient(GatewayHealthProbe.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddSingleton<GatewayHealthProbe>();
        services.AddSingleton<GatewayRestarter>();
        services.AddSingleton<RecoveryActor>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<RecoveryActor>());
        services.AddSingleton<GatewayHealthCheck>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<GatewayHealthCheck>());
        return services;
    }
}
