using Guard.Recovery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the recovery actor, the restarter, the gateway health probe and the periodic gateway health check (needs
/// AddGuardSystemd, and AddGuardState unless an <see cref="IRestartJournal"/> was registered first).
/// </summary>
public static class RecoveryServiceCollectionExtensions
{
    public static IServiceCollection AddGuardRecovery(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient(GatewayHealthProbe.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddSingleton<GatewayHealthProbe>();
        services.AddSingleton<GatewayRestarter>();

        // The service's write-ahead goes through the state persister (AddGuardState); the command registers its own.
        services.TryAddSingleton<IRestartJournal, StateFileRestartJournal>();
        services.AddSingleton<RecoveryActor>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<RecoveryActor>());
        services.AddSingleton<GatewayHealthCheck>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<GatewayHealthCheck>());
        return services;
    }
}
