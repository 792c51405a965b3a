using Guard.Events;
using Guard.Probing;
using Guard.Tracking;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the scheduled probe loop and the failure tracker that turns rounds into health and transitions.</summary>
public static class ProbeLoopServiceCollectionExtensions
{
    public static IServiceCollection AddGuardProbeLoop(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<FailureTracker>();
        services.AddSingleton<ProbeLoopHeartbeat>();
        services.AddSingleton<ProbeScheduler>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ProbeScheduler>());
        services.AddSingleton<IConfirmationRoundTrigger>(sp => sp.GetRequiredService<ProbeScheduler>());
        services.AddSingleton<IVerificationRound>(sp => sp.GetRequiredService<ProbeScheduler>());
        services.AddSingleton<IHostedService>(sp => new MemoryTrim(sp.GetRequiredService<IEventSubscriber>(), sp.GetRequiredService<ILogger<MemoryTrim>>()));
        return services;
    }
}
