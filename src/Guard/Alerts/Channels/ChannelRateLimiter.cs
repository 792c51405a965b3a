namespace Guard.Alerts.Channels;

/// <summary>A channel's buckets taken together: a send needs a token from every bucket, or from none.</summary>
public sealed class ChannelRateLimiter
{
    private readonly TimeProvider _time;
    private readonly List<ReplenishedTokenBucket> _buckets;
    private readonly Lock _gate = new();

    public ChannelRateLimiter(IReadOnlyList<TokenBucketRule> rules, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Rules = rules;
        var now = time.GetUtcNow();
        _buckets = rules.Select(r => new ReplenishedTokenBucket(r, now)).ToList();
    }

    public IReadOnlyList<TokenBucketRule> Rules { get; }

    public string Description => string.Join(" and ", Rules);

    /// <summary>Takes a slot now, or says how long until one is free (nothing is taken then).</summary>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            retryAfter = TimeSpan.Zero;
            foreach (var bucket in _buckets)
            {
                bucket.Refill(now);
                var wait = bucket.NextTokenIn(now);
                if (wait > retryAfter)
                {
                    retryAfter = wait;
                }
            }

            if (retryAfter > TimeSpan.Zero)
            {
                return false;
            }

            foreach (var bucket in _buckets)
            {
                bucket.Take();
            }

            return true;
        }
    }
}
