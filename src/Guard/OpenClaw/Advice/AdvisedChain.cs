using Guard.Chain;
using Guard.Configuration;

namespace Guard.OpenClaw.Advice;

/// <summary>The chain advice is about: OpenClaw's <c>agents.defaults.model</c> when discovered, else Guard's own chain.</summary>
public static class AdvisedChain
{
    public static IReadOnlyList<string> For(GuardOptions options, IModelChain chain)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chain);
        var discovered = chain.Discovery(options.OpenClaw)?.DefaultChain ?? [];
        return discovered.Count > 0 ? discovered : chain.Resolve(options).Select(m => m.Id).ToList();
    }
}
