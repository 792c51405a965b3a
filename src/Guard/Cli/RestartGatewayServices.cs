using Guard.Chain;
using Guard.Configuration;
using Guard.OpenClaw.Discovery;
using Guard.Probing.Keys;
using Guard.Recovery;
using Guard.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guard.Cli;

/// <summary>
/// The container <c>guard restart-gateway</c> needs to take the service's own restart path: state, probing (for the
/// verification round), systemd and recovery — no host, so no hosted service runs. Logs go to the log file only.
/// </summary>
internal static class RestartGatewayServices
{
    public static ServiceProvider Build(GuardOptions options, IConfiguration configuration, IModelChain chain)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(chain);
        var services = OneShotServices.Create(options, chain);
        services.AddSingleton<IApiKeySource>(new OpenClawApiKeySource(chain));
        services.AddSingleton(sp => new LiveOptions(options, configuration, sp.GetRequiredService<ILogger<LiveOptions>>()));
        services.AddSingleton(sp => StateStore.Open(
            StateFile.PathIn(options.DataDirectory), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<StateStore>>()));
        services.AddGuardProbing();
        services.AddGuardProbeLoop();
        services.AddGuardSystemd();
        services.AddSingleton<IRestartJournal, ManualRestartJournal>();
        services.AddGuardRecovery();
        return services.BuildServiceProvider();
    }
}
