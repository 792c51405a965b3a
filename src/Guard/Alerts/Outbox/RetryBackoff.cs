namespace Guard.Alerts.Outbox;

/// <summary>When to try a failed delivery again: jittered exponential backoff, or the channel's own Retry-After.</summary>
public static class RetryBackoff
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Cap = TimeSpan.FromMinutes(10);

    /// <summary>A Retry-After longer than this is not believed (a misparsed header must not park alerts for days).</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);

    /// <summary>
    /// Delay after the <paramref name="attempts"/>-th failed attempt: 5 s, 10 s, 20 s … capped at 10 min, each drawn from
    /// [d/2, d] ("equal jitter", so retries of several Guards do not align). A channel's <paramref name="retryAfter"/>
    /// replaces it: the server (or the channel's rate limiter) said exactly when.
    /// </summary>
    public static TimeSpan Delay(int attempts, TimeSpan? retryAfter, double jitter)
    {
        if (retryAfter is { } after && after > TimeSpan.Zero)
        {
            return after < MaxRetryAfter ? after : MaxRetryAfter;
        }

        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var ceiling = TimeSpan.FromTicks(Math.Min(Cap.Ticks, Initial.Ticks << exponent));
        return ceiling / 2 + ceiling / 2 * Math.Clamp(jitter, 0, 1);
    }
}
