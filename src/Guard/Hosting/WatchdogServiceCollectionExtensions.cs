using Guard.Chain;
using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Guard.Watchdog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the systemd watchdog pinger (needs AddSystemd, the composition root's core and AddGuardProbeLoop).</summary>
public static class WatchdogServiceCollectionExtensions
{
    public static IServiceCollection AddGuardWatchdog(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new WatchdogPinger(
            sp.GetService<ISystemdNotifier>(),
            WatchdogSettings.FromEnvironment(Environment.GetEnvironmentVariable, Environment.ProcessId),
            sp.GetRequiredService<ProbeLoopHeartbeat>(),
            sp.GetRequiredService<LiveOptions>(),
            sp.GetRequiredService<IModelChain>(),
            sp.GetRequiredService<StateStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WatchdogPinger>>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<WatchdogPinger>());
        return services;
    }
}
