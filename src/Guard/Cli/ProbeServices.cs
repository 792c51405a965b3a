using Guard.Chain;
using Guard.Configuration;
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
        return GuardComposition.Build(new CompositionRequest(options, chain, GuardFeatures.Probing));
    }
}
