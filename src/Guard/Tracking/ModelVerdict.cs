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
    double? LatencyMs);
