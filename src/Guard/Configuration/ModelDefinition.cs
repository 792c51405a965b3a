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
    ModelSource Source)
{
    /// <summary>Where in which file the entry was found ("agents.defaults.model.fallbacks[0]"); null for Guard:Models.</summary>
    public string? Origin { get; init; }

    /// <summary>Where the key comes from, for people ("$ZHIPU_API_KEY (~/.openclaw/.env)"); never the key itself.</summary>
    public string? KeyOrigin { get; init; }

    /// <summary>
    /// Why Guard cannot probe this chain member (an OAuth sign-in, an API it does not speak); null when it can. Such a
    /// model stays in the chain as unknown: it never counts toward a dark chain, but gateway evidence about it does.
    /// </summary>
    public string? NotProbedBecause { get; init; }
}
