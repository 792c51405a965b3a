using Guard.Configuration;
using Guard.OpenClaw.Discovery;

namespace Guard.OpenClaw.Advice;

/// <summary>The chain advice is about: OpenClaw's <c>agents.defaults.model</c> when discovered, else Guard's own chain.</summary>
public static class AdvisedChain
{
    public static IReadOnlyList<string> For(GuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var discovered = OpenClawChainRegistry.Find(options.OpenClaw)?.DefaultChain ?? [];
        return discovered.Count > 0 ? discovered : ModelCatalog.Resolve(options).Select(m => m.Id).ToList();
    }
}
