using Guard.Configuration;

namespace Guard.Probing;

/// <summary>The outcome of one probe of one model at one tier (the final attempt; every attempt is logged).</summary>
public sealed record ProbeResult
{
    public required string ModelId { get; init; }

    public required string Provider { get; init; }

    public required string Api { get; init; }

    public required ProbeTier Tier { get; init; }

    public required bool Ok { get; init; }

    /// <summary>Null when <see cref="Ok"/>.</summary>
    public FailureKind? Kind { get; init; }

    /// <summary>HTTP status of the final attempt; null when no response arrived.</summary>
    public int? HttpStatus { get; init; }

    public TimeSpan Latency { get; init; }

    /// <summary>Provider's retry hint (Retry-After header, Gemini RetryInfo, "try again after N seconds").</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>When a quota or limit resets, when the provider says so.</summary>
    public DateTimeOffset? ResetAt { get; init; }

    /// <summary>Short, secret-free description of the outcome (provider message or transport error).</summary>
    public string? Message { get; init; }

    /// <summary>Provider request id (request-id, x-request-id, body request_id) for support tickets.</summary>
    public string? RequestId { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public int Attempts { get; init; } = 1;

    /// <summary>A 429 that carried no detail telling quota from rate limit; the tracker escalates it when it persists.</summary>
    public bool IsUndetailedRateLimit { get; init; }

    /// <summary>
    /// Which rule decided a failure, so an operator can see why: a classifier row ("moonshot.overloaded",
    /// "reply:zhipu.balance" when the family came from the reply body, "status.429"), a transport rule
    /// ("transport.http"), or the step whose 2xx body failed ("models.body"). Null when ok.
    /// </summary>
    public string? Rule { get; init; }

    /// <summary>
    /// Guard did not ask the provider at all (no key it can read, an API it does not speak, a model it cannot probe):
    /// the result says nothing about the model, which stays unknown — never failing.
    /// </summary>
    public bool NotRun { get; init; }

    /// <summary>Rate-limit headers as received (anthropic-ratelimit-*, x-ratelimit-*), for the quota watch.</summary>
    public IReadOnlyDictionary<string, string> RateLimitHeaders { get; init; } = EmptyHeaders;

    /// <summary>The quota endpoint's 2xx reply when the probe called one (Moonshot balance, OpenRouter key), for the quota watch.</summary>
    public ProviderQuotaReply? QuotaReply { get; init; }

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();
}
