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

        // providers.md §8 reads a 429 without retry-after as the monthly spend cap, but the cap is recognised above
        // by its error_code and "regain access" message; a bare 429 without the header is ambiguous (a relay or
        // proxy may drop headers, and per-minute limits are reported the same way), and calling it QuotaExhausted
        // would park the model until the 1st of next month. It is an undetailed rate limit instead, which the
        // tracker escalates to QuotaExhausted if it lasts Guard:Probe:RateLimitEscalateAfter.
        new("anthropic.429-no-retry-after", FailureKind.RateLimited, f => f.Status == 429) { Undetailed = true },
        // Anthropic also answers 500 api_error with the message "Overloaded" (anthropics/claude-code issue threads).
        new("anthropic.overloaded", FailureKind.Overloaded,
            f => f.TypeIs("overloaded_error") || f.Status == 529 || (f.Status >= 500 && f.Message.Trim() == "Overloaded")),
        // A 401 is the key, whatever type it carries: proxies and Anthropic itself send 401 with invalid_request_error.
        new("anthropic.auth", FailureKind.AuthFailed, f => f.TypeIs("authentication_error") || f.Status == 401),
        new("anthropic.permission", FailureKind.Forbidden, f => f.TypeIs("permission_error", "forbidden")),
        new("anthropic.not-found", FailureKind.ModelNotFound, f => f.TypeIs("not_found_error")),
        new("anthropic.invalid-request", FailureKind.BadRequest, f => f.TypeIs("invalid_request_error", "request_too_large")),
        new("anthropic.timeout", FailureKind.Timeout, f => f.TypeIs("timeout_error")),
        new("anthropic.api-error", FailureKind.ServerError, f => f.TypeIs("api_error")),
    ];
}
