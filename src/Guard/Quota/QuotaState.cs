using Guard.Quota.Ledger;
using Guard.Quota.Reported;
using Guard.Quota.Transcripts;

namespace Guard.Quota;

/// <summary>What the quota watch persists in the state file (<c>quota</c>).</summary>
public sealed class QuotaState
{
    /// <summary>Per-model usage in 5-minute buckets, keyed by model id (<c>provider/model</c>).</summary>
    public Dictionary<string, ModelUsage> Usage { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Read offsets of OpenClaw transcripts, keyed by file identity (a hash of the session header line).</summary>
    public Dictionary<string, TranscriptCursor> Transcripts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Read positions in today's SQLite transcript stores, keyed <c>"&lt;agent&gt;/&lt;session id&gt;"</c>.</summary>
    public Dictionary<string, TranscriptSessionCursor> TranscriptSessions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Limits providers reported (headers, balance and key endpoints, QuotaExhausted probes), keyed "model|source".</summary>
    public Dictionary<string, ProviderReading> Reported { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Which quota alerts are firing per model, so each fires once per episode.</summary>
    public Dictionary<string, QuotaAlertState> Alerts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>New transcript turns counted as health evidence (source "transcript") per model, since the state file was created.</summary>
    public Dictionary<string, TurnEvidence> Evidence { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Transcript entries (JSONL lines, SQLite rows, archives) that could not be read, since the state file was created.</summary>
    public long MalformedLines { get; set; }

    public DateTimeOffset? LastCheck { get; set; }

    /// <summary>A hand-edited file may carry nulls where collections are expected.</summary>
    internal QuotaState Normalized()
    {
        Usage ??= new(StringComparer.Ordinal);
        Transcripts ??= new(StringComparer.Ordinal);
        TranscriptSessions ??= new(StringComparer.Ordinal);
        Reported ??= new(StringComparer.Ordinal);
        Alerts ??= new(StringComparer.Ordinal);
        Evidence ??= new(StringComparer.Ordinal);
        foreach (var id in Usage.Where(p => p.Value?.Buckets is null).Select(p => p.Key).ToList())
        {
            Usage[id] = new ModelUsage { Buckets = Usage[id]?.Buckets ?? [] };
        }

        foreach (var key in Transcripts.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            Transcripts.Remove(key);
        }

        foreach (var key in TranscriptSessions.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            TranscriptSessions.Remove(key);
        }

        foreach (var key in Reported.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            Reported.Remove(key);
        }

        foreach (var key in Alerts.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            Alerts.Remove(key);
        }

        foreach (var key in Evidence.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            Evidence.Remove(key);
        }

        return this;
    }
}
