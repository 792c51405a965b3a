using Guard.Probing;

namespace Guard.State;

/// <summary>
/// What the gateway itself (its log, its transcripts) last said about one model: the newest real turn it served
/// with it, and the newest failure with the kind Guard read from it. Passive: never a probe round.
/// </summary>
public sealed class GatewayObservations
{
    public DateTimeOffset? LastServedAt { get; set; }

    public DateTimeOffset? LastFailedAt { get; set; }

    public FailureKind? LastFailureKind { get; set; }

    public int? LastFailureStatus { get; set; }

    /// <summary>OpenClaw's own reason word (billing, auth, timeout…), when it logged one.</summary>
    public string? LastFailureReason { get; set; }

    /// <summary>Secret-free error text the gateway logged, cut short.</summary>
    public string? LastFailureMessage { get; set; }

    /// <summary>The log event or store that said it (<c>embedded_run_agent_end</c>, <c>transcript_turn</c>…).</summary>
    public string? LastFailureEvent { get; set; }

    /// <summary>Until when the gateway will not use this model's provider credentials (cooldown or disabled window).</summary>
    public DateTimeOffset? CooldownUntil { get; set; }

    /// <summary><c>cooldown</c> or <c>disabled</c>, and OpenClaw's reason for it (billing, auth, rate_limit…).</summary>
    public string? CooldownWindow { get; set; }

    public string? CooldownReason { get; set; }

    /// <summary>The gateway run the failure belongs to, when the log names one: a run's events merge into one record.</summary>
    public string? LastFailureRunId { get; set; }
}
