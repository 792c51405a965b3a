using Guard.Quota.Ledger;

namespace Guard.Quota.Transcripts;

/// <summary>What one pass over the transcripts found: usage summed per model and bucket, plus bookkeeping.</summary>
public sealed class TranscriptScan
{
    private string? _runModel;
    private DateTimeOffset _runBucket;
    private UsageSample _run;

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

        // Consecutive turns of one model in one bucket are summed here: one dictionary update per run, not per turn.
        var bucket = UsageLedger.BucketStart(turn.At);
        if (_runModel is null || bucket != _runBucket || !(ReferenceEquals(turn.ModelId, _runModel) || turn.ModelId == _runModel))
        {
            Complete();
            _runModel = turn.ModelId;
            _runBucket = bucket;
            _run = turn.Usage;
        }
        else
        {
            _run = _run.Plus(turn.Usage);
        }

        if (turn.ErrorMessage is { } error && (!LastErrors.TryGetValue(turn.ModelId, out var last) || last.At <= turn.At))
        {
            LastErrors[turn.ModelId] = (turn.At, error.Length > 300 ? error[..300] + "…" : error);
        }
    }

    /// <summary>Adds the pending run to <see cref="Usage"/>; the reader calls it when a pass ends.</summary>
    internal void Complete()
    {
        if (_runModel is null)
        {
            return;
        }

        var key = (_runModel, _runBucket);
        Usage[key] = Usage.TryGetValue(key, out var sum) ? sum.Plus(_run) : _run;
        _runModel = null;
    }
}
