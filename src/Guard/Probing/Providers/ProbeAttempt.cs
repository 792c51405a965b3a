using Guard.Configuration;
using Guard.Probing.Classification;

namespace Guard.Probing.Providers;

/// <summary>
/// Everything one attempt needs. A class, not a record: it holds the key, and a record's generated
/// ToString would print it.
/// </summary>
internal sealed class ProbeAttempt(
    ModelDefinition model, ProbeTier tier, ProviderFamily family, string baseUrl, string apiKey, int number, CancellationToken callerToken)
{
    public ModelDefinition Model { get; } = model;

    public ProbeTier Tier { get; } = tier;

    public ProviderFamily Family { get; } = family;

    /// <summary>Base URL without a trailing slash.</summary>
    public string BaseUrl { get; } = baseUrl;

    public string ApiKey { get; } = apiKey;

    /// <summary>1 for the first try, 2 for the retry.</summary>
    public int Number { get; } = number;

    /// <summary>The caller's token, to tell its cancellation from the probe's own timeout.</summary>
    public CancellationToken CallerToken { get; } = callerToken;
}
