using Guard.Probing;

namespace Guard.Tracking;

/// <summary>One announced change. For chain transitions <see cref="ModelId"/> is null and <see cref="Models"/> lists every model.</summary>
public sealed record HealthTransition(
    TransitionKind Kind,
    DateTimeOffset At,
    string? ModelId,
    FailureKind? FailureKind,
    string? Message,
    DateTimeOffset? RetryAt,
    IReadOnlyList<ModelFailureSummary> Models);
