using System.Globalization;

namespace Guard.Alerts.Channels;

/// <summary>One bucket: at most <see cref="Burst"/> at once, then one more every <see cref="Interval"/>.</summary>
public sealed record TokenBucketRule(int Burst, TimeSpan Interval)
{
    /// <summary>A per-minute rate with a burst small enough that any 60 s window stays near the rate (≈ +11 %).</summary>
    public static TokenBucketRule PerMinute(int perMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        return new(Math.Max(1, perMinute / 9), TimeSpan.FromTicks(TimeSpan.TicksPerMinute / perMinute));
    }

    public static TokenBucketRule PerSecond(int perSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        return new(burst, TimeSpan.FromTicks(TimeSpan.TicksPerSecond / perSecond));
    }

    public override string ToString()
    {
        var perMinute = TimeSpan.FromMinutes(1) / Interval;
        var rate = perMinute >= 60 && perMinute % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{perMinute / 60:0.#}/s")
            : string.Create(CultureInfo.InvariantCulture, $"{perMinute:0.#}/min");
        return string.Create(CultureInfo.InvariantCulture, $"{rate}, burst {Burst}");
    }
}
