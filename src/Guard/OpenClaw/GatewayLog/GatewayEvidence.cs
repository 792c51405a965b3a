using Guard.Probing;

namespace Guard.OpenClaw.GatewayLog;

/// <summary>
/// One thing the gateway saw about one model: a failed or successful real call. Passive: it never counts as a probe round.
/// </summary>
public sealed record GatewayEvidence(
    DateTimeOffset At,
    string ModelId,
    bool Ok,
    FailureKind? Kind,
    int? HttpStatus,
    string? Reason,
    string? Message,
    EvidenceSource Source,
    string Event);
