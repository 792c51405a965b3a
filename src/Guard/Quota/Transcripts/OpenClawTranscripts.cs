namespace Guard.Quota.Transcripts;

/// <summary>
/// Every place an OpenClaw release keeps transcripts, read incrementally in one pass: today's SQLite stores
/// (<c>agents/&lt;id&gt;/agent/openclaw-agent.sqlite</c>) first, then the JSONL files of older releases and the
/// <c>.zst</c> deletion archives of today's (<c>agents/&lt;id&gt;/sessions/</c>). The stores go first so an archive of a
/// session deleted since the last pass knows how many of its turns the rows already gave. Not thread-safe.
/// </summary>
public sealed class OpenClawTranscripts
{
    public OpenClawTranscripts()
    {
        Files = new TranscriptReader(turnsCounted: Stores.TurnsCounted);
    }

    public SqliteTranscriptReader Stores { get; } = new();

    public TranscriptReader Files { get; }

    /// <summary>Reads what is new everywhere; never throws for content, busy stores or files vanishing mid-pass.</summary>
    public TranscriptScan Scan(string agentsDirectory, DateTimeOffset now, DateTimeOffset evidenceSince)
    {
        var scan = new TranscriptScan { EvidenceSince = evidenceSince };
        Stores.Scan(agentsDirectory, now, scan);
        Files.ScanInto(agentsDirectory, now, scan);
        scan.Complete();
        return scan;
    }

    /// <summary>A pass over everything from the start (no cursors): the whole history, as <c>guard quota</c> computes it standalone.</summary>
    public static TranscriptScan ReadAll(string agentsDirectory, DateTimeOffset now) => new OpenClawTranscripts().Scan(agentsDirectory, now, DateTimeOffset.MaxValue);

    public void Forget(DateTimeOffset before)
    {
        Stores.Forget(before);
        Files.Forget(before);
    }
}
