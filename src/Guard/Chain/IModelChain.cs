using Guard.Configuration;
using Guard.OpenClaw.Discovery;

namespace Guard.Chain;

/// <summary>
/// The model chain Guard watches: Guard:Models merged with what discovery last found in OpenClaw. One instance per
/// process, created by the composition root and published to by discovery, so every reader sees the same chain.
/// </summary>
public interface IModelChain
{
    /// <summary>Bumped on every publish that changed the chain or its keys; readers that cache compare it.</summary>
    long Version { get; }

    /// <summary>The effective chain for <paramref name="options"/> (the last discovery for its OpenClaw settings included).</summary>
    IReadOnlyList<ModelDefinition> Resolve(GuardOptions options);

    /// <summary>The last discovery for these OpenClaw settings, or null when none was published.</summary>
    OpenClawDiscoveryResult? Discovery(OpenClawOptions options);

    /// <summary>A discovered key by name from any published discovery (names are unique per key).</summary>
    string? FindKey(string name);

    /// <summary>Replaces the discovery for these settings; true when the chain or its keys changed.</summary>
    bool Publish(OpenClawOptions options, OpenClawDiscoveryResult result);
}
