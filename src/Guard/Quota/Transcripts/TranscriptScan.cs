using Guard.Quota.Ledger;

namespace Guard.Quota.Transcripts;

/// <summary>What one pass over the transcripts found: usage summed per model and bucket, plus bookkeeping.</summary>
public sealed class TranscriptScan
{
    /// <summary>Usage per (model id, bucket start).</summary>
    public Dictionary<(string ModelId, DateTimeOffset Bucket), UsageSample> Usage { get; } = [];

    /// <summary>The newest failed turn per model: when, and OpenClaw's error message.</summary>
    public Dictionary<string, (DateTimeOffset At, string Message)> LastErrors { get; } = new(StringComparer.Ordinal);

    public int FilesSeen { get; set; }

    /// <summary>Files that had to be opened (new bytes, new file, rename, truncation).</summary>
    public int FilesRead { get; set; }

    public long BytesRead { get; set; }

    public long Turns { get; set; }

    public long MalformedLines { get; set; }

    /// <summary>Files that became shorter than what was already read; reading resumes at their new end.</summary>
    public int Truncated { get; set; }

    internal void Add(TranscriptTurn turn)
    {
        Turns++;
        var key = (turn.ModelId, UsageLedger.BucketStart(turn.At));
        Usage[key] = Usage.TryGetValue(key, out var sum) ? sum.Plus(turn.Usage) : turn.Usage;
        if (turn.ErrorMessage is { } error && (!LastErrors.TryGetValue(turn.ModelId, out var last) || last.At <= turn.At))
        {
            LastErrors[turn.ModelId] = (turn.At, error.Length > 300 ? error[..300] + "…" : error);
        }
    }
}
