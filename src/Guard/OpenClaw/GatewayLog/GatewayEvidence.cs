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
    string Event)
{
    /// <summary>The model id of evidence that names no model (a served turn seen only as "run … ended").</summary>
    public const string AnyModel = "*";

    /// <summary>The gateway run (turn) the event belongs to, when the log names it.</summary>
    public string? RunId { get; init; }

    /// <summary>
    /// The gateway skipped the model without calling it (its credentials were in cooldown). The turn still failed on
    /// it, but the text says nothing new about why: 9.x words a quota cooldown as "auth/billing failure".
    /// </summary>
    public bool CooldownSkip { get; init; }
}
