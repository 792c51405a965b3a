namespace Guard.Probing.Classification.Rules;

/// <summary>Anthropic Messages API (providers.md §3, §8).</summary>
internal static class AnthropicRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("anthropic.spend-cap", FailureKind.QuotaExhausted, f => f.DetailsErrorCode == "enforced_spend_limit_reached")
        {
            ResetAt = f => ResetTimes.AnthropicRegainAccess(f.Message),
        },
        new("anthropic.billing", FailureKind.QuotaExhausted, f => f.TypeIs("billing_error") || f.Status == 402),
        new("anthropic.credit-low", FailureKind.QuotaExhausted,
            f => f.MessageHas("credit balance is too low") || f.MessageHas("specified API usage limits")
                || f.MessageHas("reached your API usage limits"))
        {
            ResetAt = f => ResetTimes.AnthropicRegainAccess(f.Message),
        },
        new("anthropic.org-disabled", FailureKind.Forbidden, f => f.MessageHas("organization has been disabled")),
        new("anthropic.rate-limit", FailureKind.RateLimited, f => f.Status == 429 && f.HasRetryAfterHeader),

        // Anthropic's spend cap is a 429 without retry-after: retries fail until the stated reset.
        new("anthropic.429-no-retry-after", FailureKind.QuotaExhausted, f => f.Status == 429)
        {
            ResetAt = f => ResetTimes.AnthropicRegainAccess(f.Message),
        },
        new("anthropic.overloaded", FailureKind.Overloaded, f => f.TypeIs("overloaded_error") || f.Status == 529),
        new("anthropic.auth", FailureKind.AuthFailed, f => f.TypeIs("authentication_error")),
        new("anthropic.permission", FailureKind.Forbidden, f => f.TypeIs("permission_error", "forbidden")),
        new("anthropic.not-found", FailureKind.ModelNotFound, f => f.TypeIs("not_found_error")),
        new("anthropic.invalid-request", FailureKind.BadRequest, f => f.TypeIs("invalid_request_error", "request_too_large")),
        new("anthropic.timeout", FailureKind.Timeout, f => f.TypeIs("timeout_error")),
        new("anthropic.api-error", FailureKind.ServerError, f => f.TypeIs("api_error")),
    ];
}
