namespace Guard.Quota.Transcripts;

/// <summary>
/// What one scan's new assistant turns say about one model's health: real traffic served, or failed. Only turns
/// read past a known offset, or written after Guard started, count: a first read of old history is no evidence.
/// </summary>
public sealed class TurnEvidence
{
    public long Ok { get; set; }

    public long Failed { get; set; }

    public DateTimeOffset? LastOkAt { get; set; }

    public DateTimeOffset? LastFailedAt { get; set; }

    /// <summary>OpenClaw's <c>errorMessage</c> of the newest failed turn (cut to 300 characters).</summary>
    public string? LastFailedMessage { get; set; }
}
