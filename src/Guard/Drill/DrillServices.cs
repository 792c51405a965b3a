using Guard.Chain;
using Guard.Configuration;
using Guard.Probing.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace Guard.Drill;

/// <summary>The small containers the one-shot drills need; no host, no hosted services.</summary>
internal static class DrillServices
{
    /// <summary>The real probe engine, but every key comes from <see cref="CorruptedApiKeySource"/>.</summary>
    public static ServiceProvider ForAuth(GuardOptions options)
    {
        return GuardComposition.Build(new CompositionRequest(options, new ModelChain(), GuardFeatures.Probing)
        {
            Overrides = [ServiceDescriptor.Singleton<IApiKeySource, CorruptedApiKeySource>()],
        });
    }

    public static ServiceProvider ForRestart(GuardOptions options)
    {
        return GuardComposition.Build(new CompositionRequest(options, new ModelChain(), GuardFeatures.Systemd | GuardFeatures.Recovery));
    }
}
