using Guard.Quota.Ledger;

namespace Guard.Quota;

/// <summary>When a limit runs out at the current burn rate; null when it does not before the window resets.</summary>
public static class ExhaustionForecast
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    private const int MaxSteps = 50_000;

    /// <summary>A fixed window: what is left divided by the rate, unless the reset comes first.</summary>
    public static DateTimeOffset? Fixed(double used, double limit, double perHour, DateTimeOffset now, DateTimeOffset? resetsAt)
    {
        if (used >= limit)
        {
            return now;
        }

        if (perHour <= 0)
        {
            return null;
        }

        var hours = (limit - used) / perHour;
        if (hours > TimeSpan.MaxValue.TotalHours / 2)
        {
            return null;
        }

        var at = now + TimeSpan.FromHours(hours);
        return resetsAt is { } reset && at >= reset ? null : at;
    }

    /// <summary>
    /// A rolling window: usage keeps arriving at the rate while old buckets age out of the window, stepped a
    /// minute at a time. After one window length the steady state is rate × window, so looking further adds nothing.
    /// </summary>
    public static DateTimeOffset? Rolling(IReadOnlyList<UsageBucket> buckets, QuotaMeter meter, double limit, TimeSpan window, double perHour, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var cumulative = new Cumulative(buckets, meter);
        var windowStart = now - window;
        var used = cumulative.Total - cumulative.At(windowStart);
        if (used >= limit)
        {
            return now;
        }

        if (perHour <= 0)
        {
            return null;
        }

        var steps = (int)Math.Min(MaxSteps, Math.Ceiling(window / Step));
        var previous = used;
        for (var k = 1; k <= steps; k++)
        {
            var elapsed = Step * k;
            var expired = cumulative.At(windowStart + elapsed) - cumulative.At(windowStart);
            var projected = used + (perHour * elapsed.TotalHours) - expired;
            if (projected >= limit)
            {
                var fraction = projected == previous ? 1 : (limit - previous) / (projected - previous);
                return now + (Step * (k - 1)) + (Step * Math.Clamp(fraction, 0, 1));
            }

            previous = projected;
        }

        return null;
    }

    /// <summary>Usage from the first bucket up to an instant, in O(log n) (prefix sums, the straddling bucket prorated).</summary>
    private sealed class Cumulative
    {
        private readonly long[] _starts;
        private readonly double[] _values;
        private readonly double[] _prefix;

        public Cumulative(IReadOnlyList<UsageBucket> buckets, QuotaMeter meter)
        {
            _starts = new long[buckets.Count];
            _values = new double[buckets.Count];
            _prefix = new double[buckets.Count + 1];
            for (var i = 0; i < buckets.Count; i++)
            {
                _starts[i] = buckets[i].Start.UtcTicks;
                _values[i] = buckets[i].Value(meter);
                _prefix[i + 1] = _prefix[i] + _values[i];
            }
        }

        /// <summary>Everything recorded: the bucket holding "now" counts whole, its usage already happened.</summary>
        public double Total => _prefix[^1];

        public double At(DateTimeOffset instant)
        {
            var ticks = instant.UtcTicks;
            var index = Array.BinarySearch(_starts, ticks);
            var last = index >= 0 ? index : ~index - 1;
            if (last < 0)
            {
                return 0;
            }

            var into = Math.Clamp((ticks - _starts[last]) / (double)UsageLedger.BucketSize.Ticks, 0, 1);
            return _prefix[last] + (_values[last] * into);
        }
    }
}
