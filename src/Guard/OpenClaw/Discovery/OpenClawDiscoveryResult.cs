namespace Guard.OpenClaw.Discovery;

/// <summary>What one discovery pass found. <see cref="Keys"/> and <see cref="Secrets"/> hold secret values: never print them.</summary>
public sealed record OpenClawDiscoveryResult(
    OpenClawPaths Paths,
    string Method,
    bool ConfigFound,
    IReadOnlyList<DiscoveredModel> Models,
    IReadOnlyDictionary<string, string> Keys,
    IReadOnlyList<string> Secrets,
    IReadOnlyList<ProfileUsage> ProfileUsage,
    IReadOnlyDictionary<string, string> ProfileProviders,
    string Workspace,
    IReadOnlyList<string> Problems,
    string Stamp)
{
    /// <summary><c>gateway.port</c> of openclaw.json; null when the config leaves the default.</summary>
    public int? GatewayPort { get; init; }

    /// <summary>Models Guard can probe, in chain order.</summary>
    public IEnumerable<DiscoveredModel> Probeable => Models.Where(m => m.NotProbedBecause is null);

    /// <summary>
    /// <c>agents.defaults.model</c> alone (primary, then fallbacks): the chain Guard may reorder. Per-agent models, which
    /// <see cref="Models"/> appends, are not part of it.
    /// </summary>
    public IReadOnlyList<string> DefaultChain => Models
        .Where(m => m.Origin == DefaultModelPath || m.Origin.StartsWith(DefaultModelPath + ".", StringComparison.Ordinal))
        .Select(m => m.Id)
        .ToList();

    public const string DefaultModelPath = "agents.defaults.model";

    /// <summary>A discovered key by the name a model's <c>KeyName</c> carries; null when unknown.</summary>
    public string? GetKey(string name) => Keys.GetValueOrDefault(name);

    /// <summary>Redacted on purpose: records print their members, and <see cref="Keys"/> holds secrets.</summary>
    public override string ToString() => $"OpenClaw discovery ({Method}): {Models.Count} models, {Problems.Count} problems";
}
