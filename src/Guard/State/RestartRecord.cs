using Guard.Probing;

namespace Guard.State;

/// <summary>One gateway restart Guard attempted, kept for the restart budget and the post-mortem.</summary>
public sealed class RestartRecord
{
    public DateTimeOffset At { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>The failure kinds that made the chain dark.</summary>
    public List<FailureKind> FailureKinds { get; set; } = [];

    /// <summary>systemd's job result (<c>done</c>, <c>failed</c>, <c>timeout</c>, …); null while pending.</summary>
    public string? JobResult { get; set; }

    /// <summary>Whether a model answered after the restart; null until verification ends.</summary>
    public bool? Verified { get; set; }

    public double? DowntimeSeconds { get; set; }

    /// <summary>
    /// pending (written ahead of the D-Bus call, outcome not yet known), restarted, restart-failed, interrupted (Guard
    /// stopped before the restart reached systemd), skipped (see <see cref="Reason"/>).
    /// </summary>
    public string Outcome { get; set; } = "";

    /// <summary>What asked for it: ChainDark, GatewayHung, GatewayStuck, Manual.</summary>
    public string Trigger { get; set; } = "";

    /// <summary>Seconds from the restart call until a model answered again; null when none did.</summary>
    public double? RecoverySeconds { get; set; }

    /// <summary>The unit restarted; null in records written before it was kept (the configured unit is assumed).</summary>
    public string? Unit { get; set; }

    /// <summary>Which of <c>MaxRestarts</c> in the window this attempt took (1 = first); null for skipped records.</summary>
    public int? BudgetSlot { get; set; }

    /// <summary>
    /// The GatewayRestarted notice this attempt owes: false = owed, not yet in the outbox; true = queued there (its id is
    /// derived from <see cref="At"/>, so queuing again is refused by the outbox); null = no notice (skipped, manual, older files).
    /// </summary>
    public bool? NoticeQueued { get; set; }

    /// <summary>When a later Guard settled a pending attempt from the unit's state, because this one stopped before its outcome.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}
