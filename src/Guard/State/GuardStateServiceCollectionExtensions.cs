using Guard.Configuration;
using Guard.State;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the shared <see cref="StateStore"/> and its <see cref="StatePersister"/>.</summary>
public static class GuardStateServiceCollectionExtensions
{
    /// <summary>
    /// Needs <see cref="LiveOptions"/> (from the composition root). The state path is fixed at start: a reloaded
    /// DataDirectory applies after a restart. Call before adding other hosted services so the persister,
    /// stopped in reverse order, writes their last changes.
    /// </summary>
    public static IServiceCollection AddGuardState(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => StateStore.Open(
            StateFile.PathIn(sp.GetRequiredService<LiveOptions>().Current.DataDirectory),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<StateStore>>()));
        services.TryAddSingleton<StatePersister>();
        services.AddHostedService(sp => sp.GetRequiredService<StatePersister>());
        return services;
    }
}
