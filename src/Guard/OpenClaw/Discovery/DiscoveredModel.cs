namespace Guard.OpenClaw.Discovery;

/// <summary>
/// One model of the gateway's chain as OpenClaw configures it. <see cref="KeyName"/> is what Guard's key source is
/// asked for (an environment variable, or an <c>openclaw:…</c> reference to a discovered key); <see cref="KeyOrigin"/>
/// says where the key was found, never the key itself.
/// </summary>
public sealed record DiscoveredModel(
    string Id,
    string Provider,
    string Model,
    string? Api,
    string? BaseUrl,
    string Origin,
    string KeyName,
    string KeyOrigin,
    bool KeyFound,
    string? NotProbedBecause);
