using Guard.Chain;
using Guard.Configuration;
using Guard.OpenClaw.Discovery;
using Guard.Probing;
using Guard.Probing.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace Guard.Cli;

/// <summary>The minimal container a one-shot command needs to probe: no host, no hosted services.</summary>
internal static class ProbeServices
{
    /// <summary>
    /// Per-attempt records go to the log file only (one JSON line per HTTP attempt); the console carries the
    /// command's own table or JSON, which already says everything the records do.
    /// </summary>
    public static ServiceProvider Build(GuardOptions options, IModelChain chain)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chain);
        var services = OneShotServices.Create(options, chain);
        services.AddSingleton<IApiKeySource>(new OpenClawApiKeySource(chain));
        services.AddGuardProbing();
        services.AddSingleton<ProbeRoundRunner>();
        return services.BuildServiceProvider();
    }
}
