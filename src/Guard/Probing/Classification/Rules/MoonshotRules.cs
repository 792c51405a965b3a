namespace Guard.Probing.Classification.Rules;

/// <summary>Moonshot / Kimi: classify by <c>error.type</c>, never by status (providers.md §4).</summary>
internal static class MoonshotRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("moonshot.quota", FailureKind.QuotaExhausted, f => f.TypeIs("exceeded_current_quota_error")),

        // TPD = tokens per day: a daily quota, not a short rate limit.
        new("moonshot.tpd", FailureKind.QuotaExhausted, f => f.TypeIs("rate_limit_reached_error") && f.MessageHas("TPD")),
        new("moonshot.rate-limit", FailureKind.RateLimited, f => f.TypeIs("rate_limit_reached_error")),
        new("moonshot.overloaded", FailureKind.Overloaded, f => f.TypeIs("engine_overloaded_error") || f.MessageHas("engine is currently overloaded")),
        new("moonshot.auth", FailureKind.AuthFailed, f => f.TypeIs("invalid_authentication_error", "incorrect_api_key_error")),
        new("moonshot.permission", FailureKind.Forbidden, f => f.TypeIs("permission_denied_error")),
        new("moonshot.not-found", FailureKind.ModelNotFound, f => f.TypeIs("resource_not_found_error")),
        new("moonshot.content-filter", FailureKind.ContentFiltered, f => f.TypeIs("content_filter")),
        new("moonshot.invalid-request", FailureKind.BadRequest, f => f.TypeIs("invalid_request_error")),
        new("moonshot.server", FailureKind.ServerError, f => f.TypeIs("server_error", "unexpected_output")),

        // Kimi Code (coding membership) speaks in messages only.
        new("kimi-code.usage-limit", FailureKind.QuotaExhausted,
            f => f.MessageHas("usage limit for this billing cycle") || f.MessageHas("usage limit for this period")
                || f.MessageHas("monthly usage limit")),
        new("kimi-code.forbidden", FailureKind.Forbidden,
            f => f.MessageHas("only available for Coding Agents") || f.MessageHas("Access terminated")),
        new("kimi-code.too-many", FailureKind.RateLimited, f => f.MessageHas("receiving too many requests")),
    ];
}
