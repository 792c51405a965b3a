using Guard.Probing;

namespace Guard.Tracking;

/// <summary>A model's verdict for one round. <see cref="Carried"/> marks a failure kept from an earlier probe.</summary>
public sealed record ModelVerdict(
    string ModelId,
    bool Ok,
    FailureKind? Kind,
    int? HttpStatus,
    string? Message,
    DateTimeOffset? RetryAt,
    bool Carried,
    double? LatencyMs)
{
    /// <summary>
    /// Nothing conclusive: Guard could not probe the model (no key it can read, an API it does not speak) or the reply
    /// was one it does not understand. Such a model is unknown — never failing: it keeps the chain from counting as
    /// dark and takes no part in a restart decision.
    /// </summary>
    public bool Inconclusive { get; init; }

    /// <summary>Failed, and conclusively so.</summary>
    public bool Failed => !Ok && !Inconclusive;
}
