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

    /// <summary>restarted, restart-failed, skipped (see <see cref="Reason"/>).</summary>
    public string Outcome { get; set; } = "";

    /// <summary>What asked for it: ChainDark, GatewayHung, GatewayStuck, Manual.</summary>
    public string Trigger { get; set; } = "";

    /// <summary>Seconds from the restart call until a model answered again; null when none did.</summary>
    public double? RecoverySeconds { get; set; }
}
