namespace Guard.Alerts.Channels;

/// <summary>
/// A token bucket refilled from the injected <see cref="TimeProvider"/>, so tests drive it with FakeTimeProvider.
/// (System.Threading.RateLimiting's TokenBucketRateLimiter cannot be used: even with AutoReplenishment off, its
/// TryReplenish measures elapsed time with Stopwatch.) Not thread-safe: callers lock.
/// </summary>
internal sealed class ReplenishedTokenBucket(TokenBucketRule rule, DateTimeOffset now)
{
    private DateTimeOffset _lastRefill = now;

    public TokenBucketRule Rule { get; } = rule;

    public int Available { get; private set; } = rule.Burst;

    /// <summary>Adds one token per whole interval since the last refill; a full bucket restarts the clock.</summary>
    public void Refill(DateTimeOffset now)
    {
        var periods = (now - _lastRefill).Ticks / Rule.Interval.Ticks;
        if (periods <= 0)
        {
            return;
        }

        var missing = Rule.Burst - Available;
        if (periods >= missing)
        {
            Available = Rule.Burst;
            _lastRefill = now;
        }
        else
        {
            Available += (int)periods;
            _lastRefill += Rule.Interval * periods;
        }
    }

    /// <summary>When the next token arrives (zero when one is available).</summary>
    public TimeSpan NextTokenIn(DateTimeOffset now) =>
        Available > 0 ? TimeSpan.Zero : _lastRefill + Rule.Interval - now;

    public void Take() => Available--;
}
