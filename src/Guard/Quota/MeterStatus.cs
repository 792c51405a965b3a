namespace Guard.Quota;

/// <summary>
/// One limit of one model now: used, limit, percent, when its window resets, the burn rate and the forecast.
/// <see cref="IsRateLimit"/> rows (provider limits that refill within minutes) are shown but never alert.
/// </summary>
public sealed record MeterStatus
{
    public required string ModelId { get; init; }

    public required QuotaMeter Meter { get; init; }

    /// <summary>"budget", "transcripts" (no limit configured), or the provider source ("openrouter-key", "x-ratelimit-tokens", "probe").</summary>
    public required string Source { get; init; }

    public double Used { get; init; }

    public double? Limit { get; init; }

    /// <summary>For balances: what is left (no limit known).</summary>
    public double? Remaining { get; init; }

    public double? Percent { get; init; }

    public DateTimeOffset? WindowStart { get; init; }

    /// <summary>Null for a rolling window.</summary>
    public DateTimeOffset? ResetsAt { get; init; }

    /// <summary>Length of a rolling window; null for fixed windows.</summary>
    public TimeSpan? RollingWindow { get; init; }

    public double PerHour { get; init; }

    public DateTimeOffset? ExhaustsAt { get; init; }

    public bool IsRateLimit { get; init; }

    public string? Note { get; init; }
}
