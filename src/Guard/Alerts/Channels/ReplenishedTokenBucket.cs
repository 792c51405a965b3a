using System.Threading.RateLimiting;

namespace Guard.Alerts.Channels;

/// <summary>
/// A <see cref="TokenBucketRateLimiter"/> with its own timer switched off and refilled from the injected
/// <see cref="TimeProvider"/> instead, so tests drive it with FakeTimeProvider. Not thread-safe: callers lock.
/// </summary>
internal sealed class ReplenishedTokenBucket : IDisposable
{
    private readonly TokenBucketRateLimiter _limiter;
    private DateTimeOffset _lastRefill;

    public ReplenishedTokenBucket(TokenBucketRule rule, DateTimeOffset now)
    {
        Rule = rule;
        _lastRefill = now;
        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = rule.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = rule.Interval,
            AutoReplenishment = false,
            QueueLimit = 0,
        });
    }

    public TokenBucketRule Rule { get; }

    public long Available => _limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>Adds one token per whole interval since the last refill; a full bucket restarts the clock.</summary>
    public void Refill(DateTimeOffset now)
    {
        var periods = (now - _lastRefill).Ticks / Rule.Interval.Ticks;
        if (periods <= 0)
        {
            return;
        }

        var missing = Rule.Burst - Available;
        var add = Math.Min(periods, missing);
        for (var i = 0; i < add; i++)
        {
            _limiter.TryReplenish();
        }

        _lastRefill = periods >= missing ? now : _lastRefill + (Rule.Interval * periods);
    }

    /// <summary>When the next token arrives (zero when one is available).</summary>
    public TimeSpan NextTokenIn(DateTimeOffset now) =>
        Available > 0 ? TimeSpan.Zero : _lastRefill + Rule.Interval - now;

    public bool TryTake()
    {
        using var lease = _limiter.AttemptAcquire(1);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
