namespace Guard.IntegrationTests.Probing;

/// <summary>Realistic provider bodies (shapes from providers.md and the providers' docs) for scripted servers.</summary>
public static class ProviderBodies
{
    public static string OpenAiModelsList(params string[] ids) =>
        "{\"object\":\"list\",\"data\":["
        + string.Join(",", ids.Select(id => $$$"""{"id":"{{{id}}}","object":"model","created":1721172741,"owned_by":"system"}"""))
        + "]}";

    public static string ChatCompletionLength(string model) => $$$"""
        {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1770890400,"model":"{{{model}}}",
         "choices":[{"index":0,"message":{"role":"assistant","content":"","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"length"}],
         "usage":{"prompt_tokens":8,"completion_tokens":1,"total_tokens":9,"completion_tokens_details":{"reasoning_tokens":0}},
         "service_tier":"default","system_fingerprint":"fp_560af6e559"}
        """;

    public static string AnthropicModel(string id) => $$$"""
        {"type":"model","id":"{{{id}}}","display_name":"Claude Haiku 4.5","created_at":"2025-10-15T00:00:00Z"}
        """;

    public static string AnthropicMessageMaxTokens(string model) => $$$"""
        {"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":"{{{model}}}",
         "content":[{"type":"text","text":"P"}],"stop_reason":"max_tokens","stop_sequence":null,
         "usage":{"input_tokens":8,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1,"service_tier":"standard"}}
        """;

    public static string AnthropicRefusal(string model) => $$$"""
        {"id":"msg_01","type":"message","role":"assistant","model":"{{{model}}}","content":[],"stop_reason":"refusal","stop_sequence":null,
         "usage":{"input_tokens":8,"output_tokens":0}}
        """;

    public static string GeminiModel(string model) => $$$"""
        {"name":"models/{{{model}}}","baseModelId":"{{{model}}}","version":"001","displayName":"Gemini 2.5 Flash",
         "description":"Stable version of Gemini 2.5 Flash","inputTokenLimit":1048576,"outputTokenLimit":65536,
         "supportedGenerationMethods":["generateContent","countTokens","createCachedContent","batchGenerateContent"],
         "temperature":1,"topP":0.95,"topK":64,"maxTemperature":2,"thinking":true}
        """;

    /// <summary>A thinking model capped at one token: 200, no text, MAX_TOKENS. Healthy.</summary>
    public static string GeminiGenerateMaxTokens(string model) => $$$"""
        {"candidates":[{"content":{"role":"model"},"finishReason":"MAX_TOKENS","index":0}],
         "usageMetadata":{"promptTokenCount":1,"totalTokenCount":1,"promptTokensDetails":[{"modality":"TEXT","tokenCount":1}]},
         "modelVersion":"{{{model}}}","responseId":"kNeZaOm8K_mtz7IPpK3e4QE"}
        """;

    public static string GeminiGenerateFinish(string reason) => $$$"""
        {"candidates":[{"finishReason":"{{{reason}}}","index":0,"safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"MEDIUM"}]}],
         "usageMetadata":{"promptTokenCount":1,"totalTokenCount":1},"modelVersion":"gemini-2.5-flash"}
        """;

    public static string MoonshotBalance(decimal available) => $$$"""
        {"code":0,"data":{"available_balance":{{{available}}},"voucher_balance":0,"cash_balance":{{{available}}}},"scode":"0x0","status":true}
        """;

    public static string OpenRouterKey(decimal? limitRemaining) => $$$$"""
        {"data":{"label":"sk-or-v1-abc...xyz","limit":10,"limit_reset":null,"limit_remaining":{{{{(limitRemaining?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")}}}},
         "include_byok_in_limit":false,"usage":10,"usage_daily":0.5,"usage_weekly":3,"usage_monthly":10,"is_free_tier":false,
         "rate_limit":{"requests":-1,"interval":"10s","note":"This field is deprecated and safe to ignore."}}}
        """;

    public static string GeminiQuotaPerDay429 => """
        {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.",
         "status":"RESOURCE_EXHAUSTED","details":[
          {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests",
           "quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"gemini-3-flash"},"quotaValue":"250"}]},
          {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"26s"}]}}
        """;

    public static string GeminiPermissionDenied403 => """
        {"error":{"code":403,"message":"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"PERMISSION_DENIED"}}
        """;

    public static string AnthropicOverloaded529 => """
        {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}
        """;

    public static string OpenAiOverloaded503 => """
        {"error":{"message":"That model is currently overloaded with other requests. You can retry your request.","type":"service_unavailable_error","param":null,"code":"server_is_overloaded"}}
        """;

    public static string OpenAiRateLimit429 => """
        {"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-abc on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}
        """;
}
