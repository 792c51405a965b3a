namespace Guard.Alerts;

/// <summary>
/// An alert that is currently firing, persisted with the outbox so a restarted Guard neither re-fires nor forgets it.
/// </summary>
public sealed class FiringAlert
{
    public required string Fingerprint { get; set; }

    public required AlertEventKind Kind { get; set; }

    public required AlertSeverity Severity { get; set; }

    public string? Model { get; set; }

    public string? FailureKind { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset? RetryAt { get; set; }

    public List<string> Lines { get; set; } = [];

    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>First failure: when the alert started firing.</summary>
    public DateTimeOffset Since { get; set; }

    /// <summary>The most recent failing observation (for the resolved notice).</summary>
    public DateTimeOffset LastFailureAt { get; set; }

    /// <summary>Title and text of the firing notice, as sent (and as shown in the alert file).</summary>
    public string Message { get; set; } = "";

    /// <summary>Set while a grouped alert (ChainDark) speaks for this one: no notice of its own.</summary>
    public string? GroupedInto { get; set; }

    public DateTimeOffset? LastSentAt { get; set; }

    /// <summary>When the next reminder is due (Critical alerts only).</summary>
    public DateTimeOffset? NextRepeatAt { get; set; }

    public int Repeats { get; set; }

    /// <summary>A copy the caller may keep (the outbox's own instances change under its lock).</summary>
    public FiringAlert Copy()
    {
        var copy = (FiringAlert)MemberwiseClone();
        copy.Lines = [.. Lines];
        copy.Labels = new Dictionary<string, string>(Labels, StringComparer.Ordinal);
        return copy;
    }

    internal static FiringAlert From(AlertEvent alert) => new()
    {
        Fingerprint = alert.Fingerprint,
        Kind = alert.Kind,
        Severity = alert.Severity,
        Model = alert.Model,
        FailureKind = alert.FailureKind,
        Detail = alert.Detail,
        RetryAt = alert.RetryAt,
        Lines = [.. alert.Lines],
        Labels = new Dictionary<string, string>(alert.Labels, StringComparer.Ordinal),
        Since = alert.At,
        LastFailureAt = alert.At,
        GroupedInto = alert.GroupedInto,
    };
}
