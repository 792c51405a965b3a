namespace Guard.Configuration;

/// <summary>A chain entry with every default filled in, and where it came from.</summary>
public sealed record ModelDefinition(
    string Id,
    string Provider,
    string Api,
    string? BaseUrl,
    string Model,
    string ApiKeyEnv,
    IReadOnlyList<ProbeTier> Tiers,
    IReadOnlyDictionary<string, string> Headers,
    TimeSpan Timeout,
    ModelSource Source);
