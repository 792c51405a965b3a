using System.Collections.Frozen;

namespace Guard.Probing.Classification;

/// <summary>
/// Recognises a provider's error vocabulary from the reply itself, for a base URL Guard does not know (a relay,
/// a LiteLLM proxy, a company gateway). Strong rows of one family decide; strong rows of two families, or none
/// and weak rows of two, are ambiguous and leave the reply to the generic rules, as before.
/// </summary>
internal static class ReplyFamilies
{
    private static readonly FrozenSet<string> GoogleStatuses = FrozenSet.ToFrozenSet(
    [
        "RESOURCE_EXHAUSTED", "INVALID_ARGUMENT", "FAILED_PRECONDITION", "PERMISSION_DENIED", "UNAUTHENTICATED",
        "NOT_FOUND", "UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED", "CANCELLED", "ABORTED", "OUT_OF_RANGE",
    ], StringComparer.Ordinal);

    private static readonly string[] MoonshotTypes =
    [
        "engine_overloaded_error", "exceeded_current_quota_error", "rate_limit_reached_error", "invalid_authentication_error",
        "incorrect_api_key_error", "permission_denied_error", "resource_not_found_error",
    ];

    private static readonly int[] ZhipuCodes =
    [
        1000, 1001, 1002, 1003, 1004, 1110, 1111, 1112, 1113, 1120, 1121, 1200, 1210, 1211, 1212, 1213, 1214, 1215, 1220, 1221,
        1222, 1230, 1231, 1234, 1261, 1300, 1301, 1302, 1303, 1304, 1305, 1308, 1309, 1310, 1311, 1312, 1313,
    ];

    internal static readonly string[] DashScopeCodes =
    [
        "Arrearage", "Throttling", "Throttling.RateQuota", "Throttling.BurstRate", "Throttling.AllocationQuota",
        "AllocationQuota.FreeTierOnly", "AccessDenied", "AccessDenied.Unpurchased", "Model.AccessDenied", "WorkspaceAccessDenied",
        "InvalidApiKey", "DataInspectionFailed", "data_inspection_failed", "InvalidParameter", "ModelNotFound", "InternalError",
        "InternalError.Algo", "ModelServiceUnavailable", "PrepaidBillOverdue", "PostpaidBillOverdue", "CommodityNotPurchased",
    ];

    private static readonly string[] MistralTypes = ["rate_limited", "service_tier_capacity_exceeded", "invalid_model", "model_not_found"];

    internal static readonly string[] RelayTypes = ["one_api_error", "new_api_error", "shell_api_error", "v_api_error"];

    internal static readonly string[] RelayCodes =
    [
        "insufficient_user_quota", "pre_consume_token_quota_failed", "token_quota_exhausted", "get_channel_failed",
        "channel:no_available_key",
    ];

    /// <summary>First-match order does not matter: all rows are evaluated and their families compared.</summary>
    public static readonly IReadOnlyList<ReplySignature> All =
    [
        new("gemini:google-rpc-details", ProviderFamily.Gemini, true, f => f.HasGoogleDetails),
        new("gemini:status", ProviderFamily.Gemini, true,
            f => f.GoogleStatus is { } s && GoogleStatuses.Contains(s) && int.TryParse(f.Code, out _)),
        new("gemini:array-wrapper", ProviderFamily.Gemini, false, f => f.IsArrayWrapped && f.HasErrorObject),
        new("moonshot:error-type", ProviderFamily.Moonshot, true, f => f.TypeIs(MoonshotTypes)),
        new("zhipu:business-code", ProviderFamily.Zhipu, true,
            f => f.HasErrorObject && !f.ErrorIsString && f.RootObject != "error" && f.BusinessCodeIn(ZhipuCodes)),
        new("openrouter:metadata", ProviderFamily.OpenRouter, true, f => f.IsUpstreamRelay || f.ModerationFlagged),

        // {"error":{"message","code":402}}: a numeric code and nothing else is OpenRouter's bare shape.
        new("openrouter:numeric-code", ProviderFamily.OpenRouter, false,
            f => f.CodeIsNumber && f.GoogleStatus is null && f.Type is null && f.Status is >= 400 and < 600),
        new("dashscope:code", ProviderFamily.DashScope, true, f => f.CodeIs(DashScopeCodes) || f.TypeIs(DashScopeCodes)),
        new("siliconflow:top-level-code", ProviderFamily.SiliconFlow, true,
            f => f.HasTopLevelCode && !f.HasErrorObject && f.BusinessCode is >= 20000 and < 60000),
        new("xai:string-error", ProviderFamily.Xai, true, f => f.ErrorIsString && (f.Code is not null || f.MessageHas("console.x.ai"))),
        new("nvidia:problem-json", ProviderFamily.Nvidia, true, f => f.ProblemTitle is not null),
        new("deepseek:code-is-a-type", ProviderFamily.DeepSeek, true,
            f => f.CodeIs("invalid_request_error", "authentication_error") && f.Type is not null && !f.TypeIs(RelayTypes)),
        new("groq:vocabulary", ProviderFamily.Groq, true,
            f => f.MessageHas("console.groq.com") || f.MessageHas("groq is over capacity")),
        new("mistral:error-type", ProviderFamily.Mistral, true, f => f.RootObject == "error" && f.TypeIs(MistralTypes)),
        new("mistral:envelope", ProviderFamily.Mistral, false, f => f.RootObject == "error" && f.Code is { Length: 4 } && f.BusinessCode is not null),
        new("relay:one-api", ProviderFamily.Relay, true,
            f => f.TypeIs(RelayTypes) || f.CodeIs(RelayCodes) || RelayRulesText.IsRelayMessage(f)),
        new("anthropic:envelope", ProviderFamily.Anthropic, false,
            f => f.RootType == "error" && f.HasErrorObject && f.Type is not null && f.BusinessCode is null),
    ];

    /// <summary>The reply's own family and the row that said so, or Generic and null when it is silent or ambiguous.</summary>
    public static (ProviderFamily Family, string? Signature) Detect(ErrorFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var matches = All.Where(s => s.When(facts)).ToList();
        var strong = matches.Where(s => s.Strong).ToList();
        var deciding = strong.Count > 0 ? strong : matches;
        return deciding.Select(s => s.Family).Distinct().Count() == 1
            ? (deciding[0].Family, deciding[0].Name)
            : (ProviderFamily.Generic, null);
    }
}
