using Guard.Quota.Ledger;

namespace Guard.Quota.Transcripts;

/// <summary>What one pass over the transcripts found: usage summed per model and bucket, plus bookkeeping.</summary>
public sealed class TranscriptScan
{
    private string? _runModel;
    private DateTimeOffset _runBucket;
    private UsageSample _run;
    private bool _runIsEvidence;
    private DateTimeOffset? _runLastOk;

    /// <summary>Usage per (model id, bucket start).</summary>
    public Dictionary<(string ModelId, DateTimeOffset Bucket), UsageSample> Usage { get; } = [];

    /// <summary>The newest failed turn per model: when, and OpenClaw's error message.</summary>
    public Dictionary<string, (DateTimeOffset At, string Message)> LastErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>New turns as health evidence per model id (see <see cref="TurnEvidence"/>).</summary>
    public Dictionary<string, TurnEvidence> Evidence { get; } = new(StringComparer.Ordinal);

    /// <summary>Turns written before this are evidence only when read past a known offset (set by the reader).</summary>
    internal DateTimeOffset EvidenceSince { get; set; } = DateTimeOffset.MinValue;

    /// <summary>True while the reader reads a file it had no offset for (its history).</summary>
    internal bool ReadingHistory { get; set; }

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
        var isEvidence = !ReadingHistory || turn.At >= EvidenceSince;
        if (_runModel is null || bucket != _runBucket || isEvidence != _runIsEvidence
            || !(ReferenceEquals(turn.ModelId, _runModel) || turn.ModelId == _runModel))
        {
            Complete();
            _runModel = turn.ModelId;
            _runBucket = bucket;
            _runIsEvidence = isEvidence;
            _run = turn.Usage;
        }
        else
        {
            _run = _run.Plus(turn.Usage);
        }

        if (turn.ErrorMessage is not { } error)
        {
            _runLastOk = _runLastOk is { } ok && ok > turn.At ? ok : turn.At;
            return;
        }

        var text = error.Length > 300 ? error[..300] + "…" : error;
        if (!LastErrors.TryGetValue(turn.ModelId, out var last) || last.At <= turn.At)
        {
            LastErrors[turn.ModelId] = (turn.At, text);
        }

        if (isEvidence)
        {
            var evidence = EvidenceFor(turn.ModelId);
            evidence.Failed++;
            if (evidence.LastFailedAt is null || evidence.LastFailedAt <= turn.At)
            {
                (evidence.LastFailedAt, evidence.LastFailedMessage) = (turn.At, text);
            }
        }
    }

    private TurnEvidence EvidenceFor(string modelId)
    {
        if (!Evidence.TryGetValue(modelId, out var evidence))
        {
            Evidence[modelId] = evidence = new TurnEvidence();
        }

        return evidence;
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
        if (_runIsEvidence && _runLastOk is { } lastOk)
        {
            var evidence = EvidenceFor(_runModel);
            evidence.Ok += _run.Requests;
            evidence.LastOkAt = evidence.LastOkAt is { } known && known > lastOk ? known : lastOk;
        }

        _runModel = null;
        _runLastOk = null;
    }
}
