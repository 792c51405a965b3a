using Guard.Probing;

namespace Guard.Tracking;

/// <summary>A model's condition at a transition: enough for an alert line ("zhipu/glm-4.7: Timeout").</summary>
public sealed record ModelFailureSummary(string ModelId, bool Ok, FailureKind? Kind, int? HttpStatus, string? Message, DateTimeOffset? RetryAt);
