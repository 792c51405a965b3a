using Guard.Quota.Ledger;

namespace Guard.Quota.Transcripts;

/// <summary>What one pass over the transcripts found: usage summed per model and bucket, plus bookkeeping.</summary>
public sealed class TranscriptScan
{
    // Usage summed per (model, bucket, evidence) while a pass runs: turns of a few models interleave (a fallback, an
    // error turn), so a handful of open sums, matched by reference to the reader's cached id, replace a dictionary
    // update per turn; they go to the dictionaries when full and when the pass ends.
    private const int OpenRuns = 8;
    private readonly Run[] _runs = new Run[OpenRuns];
    private int _runCount;

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

    /// <summary>Entries skipped because they could not be read: broken JSONL lines, unreadable rows, corrupt archives.</summary>
    public long MalformedLines { get; set; }

    /// <summary>Agents' SQLite stores found, opened (something changed), and left unread this pass (busy, not a database).</summary>
    public int StoresSeen { get; set; }

    public int StoresRead { get; set; }

    public int StoresUnreadable { get; set; }

    /// <summary>SQLite sessions with new rows, and the rows read.</summary>
    public int SessionsRead { get; set; }

    public long RowsRead { get; set; }

    /// <summary>Turns of a deletion archive already counted from the session's SQLite rows.</summary>
    public long ArchivedTurnsSkipped { get; set; }

    /// <summary><c>.zst</c> archives that did not decode to the end (what decoded before the fault was read).</summary>
    public int CorruptArchives { get; set; }

    /// <summary>Files that became shorter than what was already read; reading resumes at their new end.</summary>
    public int Truncated { get; set; }

    internal void Add(in TranscriptTurn turn)
    {
        Turns++;
        var bucket = UsageLedger.BucketStart(turn.At);
        var isEvidence = !ReadingHistory || turn.At >= EvidenceSince;
        ref var run = ref OpenRun(turn.ModelId, bucket, isEvidence);
        run.Sum = run.Sum.Plus(turn.Usage);
        if (turn.ErrorMessage is not { } error)
        {
            run.LastOk = run.LastOk is { } ok && ok > turn.At ? ok : turn.At;
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

    /// <summary>The open sum for this model, bucket and evidence flag; a new one (all flushed first when full) if none.</summary>
    private ref Run OpenRun(string modelId, DateTimeOffset bucket, bool isEvidence)
    {
        for (var i = 0; i < _runCount; i++)
        {
            ref var run = ref _runs[i];
            if (run.Bucket == bucket && run.IsEvidence == isEvidence && (ReferenceEquals(run.Model, modelId) || run.Model == modelId))
            {
                return ref run;
            }
        }

        if (_runCount == OpenRuns)
        {
            Complete();
        }

        ref var added = ref _runs[_runCount++];
        added = new Run { Model = modelId, Bucket = bucket, IsEvidence = isEvidence };
        return ref added;
    }

    /// <summary>Adds the open sums to <see cref="Usage"/> and <see cref="Evidence"/>; the reader calls it when a pass ends.</summary>
    internal void Complete()
    {
        for (var i = 0; i < _runCount; i++)
        {
            ref var run = ref _runs[i];
            var key = (run.Model, run.Bucket);
            Usage[key] = Usage.TryGetValue(key, out var sum) ? sum.Plus(run.Sum) : run.Sum;
            if (run.IsEvidence && run.LastOk is { } lastOk)
            {
                var evidence = EvidenceFor(run.Model);
                evidence.Ok += run.Sum.Requests;
                evidence.LastOkAt = evidence.LastOkAt is { } known && known > lastOk ? known : lastOk;
            }

            run = default;
        }

        _runCount = 0;
    }

    private struct Run
    {
        public string Model;
        public DateTimeOffset Bucket;
        public bool IsEvidence;
        public UsageSample Sum;
        public DateTimeOffset? LastOk;
    }
}
