namespace Guard.Quota.Ledger;

/// <summary>
/// Per-model usage in fixed 5-minute buckets: small enough to persist a month, fine enough for a 30-minute
/// forecast. Rolling sums prorate the one bucket that straddles the window start (usage assumed even inside it).
/// </summary>
public static class UsageLedger
{
    public static readonly TimeSpan BucketSize = TimeSpan.FromMinutes(5);

    /// <summary>The start of the bucket holding <paramref name="at"/>.</summary>
    public static DateTimeOffset BucketStart(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % BucketSize.Ticks), TimeSpan.Zero);
    }

    public static void Add(QuotaState state, string modelId, DateTimeOffset at, UsageSample sample)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        if (!state.Usage.TryGetValue(modelId, out var usage))
        {
            usage = new ModelUsage();
            state.Usage[modelId] = usage;
        }

        Bucket(usage.Buckets, BucketStart(at)).Add(sample);
    }

    /// <summary>Drops buckets that ended before <paramref name="keepFrom"/> and models left without any.</summary>
    public static void Prune(QuotaState state, DateTimeOffset keepFrom)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var (id, usage) in state.Usage.ToList())
        {
            usage.Buckets.RemoveAll(b => b.Start + BucketSize <= keepFrom);
            if (usage.Buckets.Count == 0 && (usage.LastErrorAt is null || usage.LastErrorAt < keepFrom))
            {
                state.Usage.Remove(id);
            }
        }
    }

    /// <summary>
    /// Usage of <paramref name="meter"/> in [from, to). Pass <see cref="DateTimeOffset.MaxValue"/> as <paramref name="to"/>
    /// for "up to now": the current bucket's usage has all happened and must not be prorated.
    /// </summary>
    public static double Sum(IReadOnlyList<UsageBucket> buckets, QuotaMeter meter, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        double total = 0;
        foreach (var bucket in buckets)
        {
            var end = bucket.Start + BucketSize;
            if (end <= from || bucket.Start >= to)
            {
                continue;
            }

            var overlap = (Min(end, to) - Max(bucket.Start, from)).Ticks;
            total += overlap >= BucketSize.Ticks ? bucket.Value(meter) : bucket.Value(meter) * overlap / BucketSize.Ticks;
        }

        return total;
    }

    private static UsageBucket Bucket(List<UsageBucket> buckets, DateTimeOffset start)
    {
        // Live usage lands in the newest bucket; history read out of order takes the binary search.
        if (buckets.Count > 0 && buckets[^1].Start == start)
        {
            return buckets[^1];
        }

        if (buckets.Count == 0 || buckets[^1].Start < start)
        {
            buckets.Add(new UsageBucket { Start = start });
            return buckets[^1];
        }

        int low = 0, high = buckets.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var cmp = buckets[mid].Start.CompareTo(start);
            if (cmp == 0)
            {
                return buckets[mid];
            }

            if (cmp < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        var created = new UsageBucket { Start = start };
        buckets.Insert(low, created);
        return created;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
