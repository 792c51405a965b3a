namespace Guard.Probing.Classification.Rules;

/// <summary>OpenAI <c>error.code</c> values; also applied to unknown OpenAI-compatible providers (providers.md §6).</summary>
internal static class OpenAiRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("openai.quota", FailureKind.QuotaExhausted,
            f => f.CodeIs("insufficient_quota", "credit_balance_exhausted", "organization_spend_limit_exceeded",
                    "project_spend_limit_exceeded", "organization_usage_limit_exceeded")
                || f.TypeIs("insufficient_quota")),
        new("openai.rate-limit", FailureKind.RateLimited, f => f.CodeIs("rate_limit_exceeded", "slow_down")),
        new("openai.invalid-key", FailureKind.AuthFailed, f => f.CodeIs("invalid_api_key")),
        new("openai.not-member", FailureKind.Forbidden, f => f.MessageHas("must be a member of an organization")),
        new("openai.region", FailureKind.Forbidden, f => f.CodeIs("unsupported_country_region_territory")),
        new("openai.model-not-found", FailureKind.ModelNotFound,
            f => f.CodeIs("model_not_found") || f.MessageHas("Invalid model name passed")),
        new("openai.bad-parameter", FailureKind.BadRequest, f => f.CodeIs("unsupported_parameter", "integer_below_min_value")),
        new("openai.overloaded", FailureKind.Overloaded, f => f.CodeIs("server_is_overloaded", "capacity_exceeded") || f.TypeIs("service_unavailable_error")),
        new("openai.content-filter", FailureKind.ContentFiltered, f => f.CodeIs("content_filter", "content_policy_violation", "invalid_prompt")),
    ];
}
