namespace Guard.Probing.Providers;

/// <summary>Result of one attempt (the last HTTP step of it); the prober turns the final one into a <see cref="ProbeResult"/>.</summary>
internal sealed record AttemptOutcome
{
    public required bool Ok { get; init; }

    public FailureKind? Kind { get; init; }

    public int? HttpStatus { get; init; }

    public TimeSpan Latency { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public DateTimeOffset? ResetAt { get; init; }

    public string? Message { get; init; }

    public string? RequestId { get; init; }

    public bool IsUndetailedRateLimit { get; init; }

    /// <summary>Which classifier row or body check decided a failure (see <see cref="ProbeResult.Rule"/>).</summary>
    public string? Rule { get; init; }

    public IReadOnlyDictionary<string, string> RateLimitHeaders { get; init; } = new Dictionary<string, string>();

    public ProviderQuotaReply? QuotaReply { get; init; }

    public static AttemptOutcome Failure(FailureKind kind, string message, int? httpStatus = null, string? rule = null) =>
        new() { Ok = false, Kind = kind, Message = message, HttpStatus = httpStatus, Rule = rule };
}
