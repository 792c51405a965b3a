namespace Guard.Quota.Ledger;

/// <summary>
/// Usage per hour, weighted toward recent use: each bucket of the last hour counts with weight
/// 2^(-age / 10 min), and the rate is weighted usage over weighted time covered. A steady burn gives its
/// exact rate; a burst 40 minutes ago weighs 1/16 of one now; an idle hour gives zero.
/// </summary>
public static class BurnRate
{
    public static readonly TimeSpan HalfLife = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan Lookback = TimeSpan.FromHours(1);

    /// <summary>Per hour of <paramref name="meter"/>; 0 when nothing was used in the lookback.</summary>
    public static double PerHour(IReadOnlyList<UsageBucket> buckets, QuotaMeter meter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var size = UsageLedger.BucketSize;
        var from = now - Lookback;
        double usage = 0, time = 0;

        // Walk every bucket slot in the lookback, empty ones included: idle time must pull the rate down.
        var index = buckets.Count - 1;
        for (var start = UsageLedger.BucketStart(now); start + size > from; start -= size)
        {
            var covered = Math.Min((now - start).Ticks, size.Ticks) - Math.Max(0, (from - start).Ticks);
            if (covered <= 0)
            {
                continue;
            }

            var middle = start + TimeSpan.FromTicks(Math.Min((now - start).Ticks, size.Ticks) / 2);
            var weight = Math.Pow(2, -(now - middle).Ticks / (double)HalfLife.Ticks);
            while (index >= 0 && buckets[index].Start > start)
            {
                index--;
            }

            if (index >= 0 && buckets[index].Start == start)
            {
                var share = (double)covered / Math.Min((now - start).Ticks, size.Ticks);
                usage += weight * buckets[index].Value(meter) * share;
            }

            time += weight * covered;
        }

        return time <= 0 ? 0 : usage / time * TimeSpan.TicksPerHour;
    }
}
