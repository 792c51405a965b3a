namespace Guard.Probing.Classification.Rules;

/// <summary>Groq: OpenAI codes, the limit named in the message ("tokens per day (TPD)"), 498 for flex capacity (console.groq.com/docs/errors).</summary>
internal static class GroqRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        // A per-day limit is a daily quota; the message still says when ("try again in 9m38.016s").
        new("groq.per-day", FailureKind.QuotaExhausted,
            f => f.Status == 429 && f.MessageHasAny("per day (TPD)", "per day (RPD)", "per day (ASD)"))
        {
            ResetAt = f => f.RetryAfter is { } delay ? f.Now + delay : null,
        },
        new("groq.rate-limit", FailureKind.RateLimited, f => f.CodeIs("rate_limit_exceeded") || f.Status == 429),
        new("groq.capacity", FailureKind.Overloaded,
            f => f.Status == 498 || f.CodeIs("capacity_exceeded", "flex_tier_capacity_exceeded") || f.MessageHas("over capacity")),
        new("groq.restricted", FailureKind.Forbidden, f => f.CodeIs("organization_restricted")),
    ];
}
