namespace Guard.Quota.Transcripts;

/// <summary>
/// How far one session of an agent's SQLite store (<c>transcript_events</c>) was read: rows are read in
/// <c>(session_id, seq)</c> order, so everything up to <see cref="LastSeq"/> has been counted.
/// </summary>
public sealed class TranscriptSessionCursor
{
    public long LastSeq { get; set; } = -1;

    /// <summary>Assistant turns counted from this session: its deletion archive skips that many before counting more.</summary>
    public long Turns { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
