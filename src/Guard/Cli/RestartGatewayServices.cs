using Guard.Chain;
using Guard.Configuration;
using Guard.Recovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        return GuardComposition.Build(new CompositionRequest(
            options, chain, GuardFeatures.State | GuardFeatures.Probing | GuardFeatures.ProbeLoop | GuardFeatures.Systemd | GuardFeatures.Recovery)
        {
            Configuration = configuration,

            // The service's journal is its state persister; the command writes its own file the service merges.
            Overrides = [ServiceDescriptor.Singleton<IRestartJournal, ManualRestartJournal>()],
        });
    }
}
