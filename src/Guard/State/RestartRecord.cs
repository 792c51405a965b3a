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

    public string Outcome { get; set; } = "";
}
