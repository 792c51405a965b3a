namespace Guard.Quota.Transcripts;

/// <summary>How far one transcript file was read. Keyed by the file's identity, so a rename to an archive continues here.</summary>
public sealed class TranscriptCursor
{
    /// <summary>Where the file was last seen (it moves when OpenClaw archives it as <c>.reset.&lt;ts&gt;</c> or <c>.deleted.&lt;ts&gt;</c>).</summary>
    public string Path { get; set; } = "";

    /// <summary>Bytes consumed: always the start of a line (a partial last line waits for its newline).</summary>
    public long Offset { get; set; }

    /// <summary>File length and modification time when last read: both unchanged means nothing new, no open needed.</summary>
    public long Length { get; set; }

    public long LastWriteTicks { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
