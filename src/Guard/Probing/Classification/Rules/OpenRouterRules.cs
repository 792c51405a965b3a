namespace Guard.Probing.Classification.Rules;

/// <summary>OpenRouter: status in <c>error.code</c>, detail in <c>error.metadata</c> (providers.md §7).</summary>
internal static class OpenRouterRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("openrouter.credits", FailureKind.QuotaExhausted, f => f.Status == 402),
        new("openrouter.free-daily", FailureKind.QuotaExhausted, f => f.Status == 429 && f.MessageHas("free-models-per-day"))
        {
            ResetAt = f => f.MetadataResetAt ?? ResetTimes.NextUtcMidnight(f.Now),
        },
        new("openrouter.upstream-429", FailureKind.RateLimited, f => f.Status == 429 && f.IsUpstreamRelay),
        new("openrouter.timeout", FailureKind.Timeout, f => f.Status == 408),
        new("openrouter.model-down", FailureKind.Overloaded, f => f.Status is 502 or 503),
        new("openrouter.moderation", FailureKind.ContentFiltered, f => f.Status == 403 && f.ModerationFlagged),
    ];
}
