using Guard.Probing;
using Guard.Probing.Classification;

namespace Guard.Tests.Probing.Classification;

/// <summary>
/// One row per provider × failure class of providers.md §8, each with a realistic body from providers.md.
/// Columns: name, family, HTTP status, body, one header ("name: value") or null, expected kind,
/// expected retry-after seconds (null = none expected), expected reset (ISO 8601, null = none expected).
/// </summary>
public sealed class FailureClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 12, 10, 0, 0, TimeSpan.Zero);

    private readonly FailureClassifier _classifier = new();

    public static TheoryData<string, ProviderFamily, int, string, string?, FailureKind, double?, string?> Cases => new()
    {
        // ── Gemini native ────────────────────────────────────────────────────────────────
        { "gemini 429 PerDay quotaId", ProviderFamily.Gemini, 429, GeminiQuota("GenerateRequestsPerDayPerProjectPerModel-FreeTier", "25", "5s"), null, FailureKind.QuotaExhausted, 5, "2026-02-13T08:00:00Z" },
        { "gemini 429 PerMinute quotaId", ProviderFamily.Gemini, 429, GeminiQuota("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "15", "26s"), null, FailureKind.RateLimited, 26, null },
        { "gemini 429 RetryInfo only", ProviderFamily.Gemini, 429, """{"error":{"code":429,"message":"Resource exhausted. Please retry in 47.123s.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"47.123s"}]}}""", null, FailureKind.RateLimited, 47.123, null },
        { "gemini 429 retry delay of hours", ProviderFamily.Gemini, 429, """{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7200s"}]}}""", null, FailureKind.QuotaExhausted, 7200, "2026-02-12T12:00:00Z" },
        { "gemini 429 prepayment depleted", ProviderFamily.Gemini, 429, """{"error":{"code":429,"message":"Your prepayment credits are depleted. Please go to AI Studio at https://ai.studio/projects to manage your project and billing.","status":"RESOURCE_EXHAUSTED"}}""", null, FailureKind.QuotaExhausted, null, null },
        { "gemini 402 prepay balance", ProviderFamily.Gemini, 402, """{"error":{"code":402,"message":"Your prepay credit balance is depleted.","status":"RESOURCE_EXHAUSTED"}}""", null, FailureKind.QuotaExhausted, null, null },
        { "gemini 429 limit 0", ProviderFamily.Gemini, 429, """{"error":{"code":429,"message":"You exceeded your current quota. Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0, model: gemini-2.5-pro","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"gemini-2.5-pro"},"quotaValue":"0"}]}]}}""", null, FailureKind.Forbidden, null, null },
        { "gemini 429 bare", ProviderFamily.Gemini, 429, """{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}""", null, FailureKind.RateLimited, null, null },
        { "gemini 400 API_KEY_INVALID", ProviderFamily.Gemini, 400, """{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}""", null, FailureKind.AuthFailed, null, null },
        { "gemini 400 FAILED_PRECONDITION region", ProviderFamily.Gemini, 400, """{"error":{"code":400,"message":"User location is not supported for the API use.","status":"FAILED_PRECONDITION"}}""", null, FailureKind.Forbidden, null, null },
        { "gemini 403 SERVICE_DISABLED", ProviderFamily.Gemini, 403, """{"error":{"code":403,"message":"Generative Language API has not been used in project 123 before or it is disabled.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED"}]}}""", null, FailureKind.Forbidden, null, null },
        { "gemini 403 leaked key", ProviderFamily.Gemini, 403, """{"error":{"code":403,"message":"Your API key was reported as leaked. Please use another API key.","status":"PERMISSION_DENIED"}}""", null, FailureKind.Forbidden, null, null },
        { "gemini 404 NOT_FOUND", ProviderFamily.Gemini, 404, """{"error":{"code":404,"message":"models/gemini-9-ultra is not found for API version v1beta, or is not supported for generateContent.","status":"NOT_FOUND"}}""", null, FailureKind.ModelNotFound, null, null },
        { "gemini 400 INVALID_ARGUMENT", ProviderFamily.Gemini, 400, """{"error":{"code":400,"message":"Invalid JSON payload received. Unknown name \"thinking_level\".","status":"INVALID_ARGUMENT"}}""", null, FailureKind.BadRequest, null, null },
        { "gemini 503 UNAVAILABLE", ProviderFamily.Gemini, 503, """{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}""", null, FailureKind.Overloaded, null, null },
        { "gemini 500 INTERNAL", ProviderFamily.Gemini, 500, """{"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}}""", null, FailureKind.ServerError, null, null },
        { "gemini 504 DEADLINE_EXCEEDED", ProviderFamily.Gemini, 504, """{"error":{"code":504,"message":"Deadline expired before operation could complete.","status":"DEADLINE_EXCEEDED"}}""", null, FailureKind.Timeout, null, null },

        // ── Gemini OpenAI-compatible (array-wrapped) ─────────────────────────────────────
        { "gemini-compat 429 array bare", ProviderFamily.Gemini, 429, """[{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}]""", null, FailureKind.RateLimited, null, null },
        { "gemini-compat 429 array prepay", ProviderFamily.Gemini, 429, """[{"error":{"code":429,"message":"Your prepayment credits are depleted.","status":"RESOURCE_EXHAUSTED"}}]""", null, FailureKind.QuotaExhausted, null, null },
        { "gemini-compat 400 array bad key", ProviderFamily.Gemini, 400, """[{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}]""", null, FailureKind.AuthFailed, null, null },
        { "gemini-compat 503 array", ProviderFamily.Gemini, 503, """[{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}]""", null, FailureKind.Overloaded, null, null },

        // ── Anthropic ────────────────────────────────────────────────────────────────────
        { "anthropic 429 spend cap", ProviderFamily.Anthropic, 429, """{"type":"error","error":{"type":"rate_limit_error","message":"You have reached your API usage limits: your organization has crossed its monthly API usage threshold. You will regain access on 2026-09-01 at 00:00 UTC.","details":{"error_code":"enforced_spend_limit_reached"}},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""", null, FailureKind.QuotaExhausted, null, "2026-09-01T00:00:00Z" },
        { "anthropic 429 with retry-after", ProviderFamily.Anthropic, 429, """{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 50 requests per minute."},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fz"}""", "retry-after: 30", FailureKind.RateLimited, 30, null },
        { "anthropic 429 without retry-after", ProviderFamily.Anthropic, 429, """{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit."}}""", null, FailureKind.RateLimited, null, null },
        { "anthropic 529 overloaded", ProviderFamily.Anthropic, 529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_01"}""", null, FailureKind.Overloaded, null, null },
        { "anthropic 400 credit too low", ProviderFamily.Anthropic, 400, """{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."}}""", null, FailureKind.QuotaExhausted, null, null },
        { "anthropic 400 user spend limit", ProviderFamily.Anthropic, 400, """{"type":"error","error":{"type":"invalid_request_error","message":"You have reached your specified API usage limits. You will regain access on 2026-03-01 at 00:00 UTC."}}""", null, FailureKind.QuotaExhausted, null, "2026-03-01T00:00:00Z" },
        { "anthropic 402 billing", ProviderFamily.Anthropic, 402, """{"type":"error","error":{"type":"billing_error","message":"There is an issue with your billing or payment information."}}""", null, FailureKind.QuotaExhausted, null, null },
        { "anthropic 400 org disabled", ProviderFamily.Anthropic, 400, """{"type":"error","error":{"type":"invalid_request_error","message":"This organization has been disabled."}}""", null, FailureKind.Forbidden, null, null },
        { "anthropic 401 auth", ProviderFamily.Anthropic, 401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_02"}""", null, FailureKind.AuthFailed, null, null },
        { "anthropic 403 permission", ProviderFamily.Anthropic, 403, """{"type":"error","error":{"type":"permission_error","message":"OAuth authentication is currently not allowed for this organization."}}""", null, FailureKind.Forbidden, null, null },
        { "anthropic 403 region edge", ProviderFamily.Anthropic, 403, """{"error":{"type":"forbidden","message":"Request not allowed"}}""", null, FailureKind.Forbidden, null, null },
        { "anthropic 404 not found", ProviderFamily.Anthropic, 404, """{"type":"error","error":{"type":"not_found_error","message":"model: claude-opus-9"}}""", null, FailureKind.ModelNotFound, null, null },
        { "anthropic 400 invalid request", ProviderFamily.Anthropic, 400, """{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}""", null, FailureKind.BadRequest, null, null },
        { "anthropic 500 api_error", ProviderFamily.Anthropic, 500, """{"type":"error","error":{"type":"api_error","message":"Internal server error"}}""", null, FailureKind.ServerError, null, null },
        { "anthropic 413 cloudflare html", ProviderFamily.Anthropic, 413, "<html><head><title>413 Request Entity Too Large</title></head><body>cloudflare</body></html>", null, FailureKind.BadRequest, null, null },

        // ── Moonshot / Kimi ──────────────────────────────────────────────────────────────
        { "moonshot 429 engine overloaded", ProviderFamily.Moonshot, 429, """{"error":{"message":"The engine is currently overloaded, please try again later","type":"engine_overloaded_error"}}""", null, FailureKind.Overloaded, null, null },
        { "moonshot 429 suspended", ProviderFamily.Moonshot, 429, """{"error":{"message":"Your account is suspended due to insufficient balance, please recharge your account or check your plan and billing details","type":"exceeded_current_quota_error"}}""", null, FailureKind.QuotaExhausted, null, null },
        { "moonshot 429 token quota", ProviderFamily.Moonshot, 429, """{"error":{"message":"You exceeded your current token quota: <org-123> 0, please check your account balance","type":"exceeded_current_quota_error"}}""", null, FailureKind.QuotaExhausted, null, null },
        { "moonshot 429 RPM", ProviderFamily.Moonshot, 429, """{"error":{"message":"Your account org-123<ak-456> request reached organization max RPM: 3, please try again after 1 seconds","type":"rate_limit_reached_error"}}""", null, FailureKind.RateLimited, 1, null },
        { "moonshot 429 TPD", ProviderFamily.Moonshot, 429, """{"error":{"message":"Your account org-123<ak-456> request reached TPD rate limit, current:1500123, limit:1500000","type":"rate_limit_reached_error"}}""", null, FailureKind.QuotaExhausted, null, null },
        { "moonshot 401 auth", ProviderFamily.Moonshot, 401, """{"error":{"message":"Invalid Authentication","type":"invalid_authentication_error"}}""", null, FailureKind.AuthFailed, null, null },
        { "moonshot 403 permission", ProviderFamily.Moonshot, 403, """{"error":{"message":"The API you are accessing is not open","type":"permission_denied_error"}}""", null, FailureKind.Forbidden, null, null },
        { "moonshot 404 model", ProviderFamily.Moonshot, 404, """{"error":{"message":"Not found the model kimi-k9 or Permission denied","type":"resource_not_found_error"}}""", null, FailureKind.ModelNotFound, null, null },
        { "moonshot 400 content filter", ProviderFamily.Moonshot, 400, """{"error":{"message":"The request was rejected because it was considered high risk","type":"content_filter"}}""", null, FailureKind.ContentFiltered, null, null },
        { "moonshot 400 invalid request", ProviderFamily.Moonshot, 400, """{"error":{"message":"Invalid request: Your request exceeded model token limit : 131072","type":"invalid_request_error"}}""", null, FailureKind.BadRequest, null, null },
        { "moonshot 500 server", ProviderFamily.Moonshot, 500, """{"error":{"message":"invalid state transition","type":"server_error"}}""", null, FailureKind.ServerError, null, null },
        { "kimi code 403 billing cycle", ProviderFamily.Moonshot, 403, """{"error":{"message":"You've reached your usage limit for this billing cycle.","type":"access_terminated_error"}}""", null, FailureKind.QuotaExhausted, null, null },
        { "kimi code 403 agents only", ProviderFamily.Moonshot, 403, """{"error":{"message":"Kimi For Coding is currently only available for Coding Agents","type":"access_terminated_error"}}""", null, FailureKind.Forbidden, null, null },

        // ── Zhipu GLM ────────────────────────────────────────────────────────────────────
        { "zhipu 429 1113 balance", ProviderFamily.Zhipu, 429, """{"error":{"code":"1113","message":"Insufficient balance or no resource package. Please recharge."},"request_id":"20260212180000abc"}""", null, FailureKind.QuotaExhausted, null, null },
        { "zhipu 429 1308 five-hour", ProviderFamily.Zhipu, 429, """{"error":{"code":"1308","message":"Usage limit reached for 5 hour. Your limit will reset at 2026-08-27 21:31:39"}}""", null, FailureKind.QuotaExhausted, null, "2026-08-27T13:31:39Z" },
        { "zhipu 429 1310 weekly", ProviderFamily.Zhipu, 429, """{"error":{"code":"1310","message":"已达到每周使用上限，您的限额将在 2026-02-16 00:00:00 重置"}}""", null, FailureKind.QuotaExhausted, null, "2026-02-15T16:00:00Z" },
        { "zhipu 429 1304 daily", ProviderFamily.Zhipu, 429, """{"error":{"code":"1304","message":"该 API 已达今日调用次数限额"}}""", null, FailureKind.QuotaExhausted, null, "2026-02-12T16:00:00Z" },
        { "zhipu 429 1309 plan expired", ProviderFamily.Zhipu, 429, """{"error":{"code":"1309","message":"GLM Coding Plan 套餐已到期"}}""", null, FailureKind.QuotaExhausted, null, null },
        { "zhipu 429 1302 numeric", ProviderFamily.Zhipu, 429, """{"error":{"code":1302,"message":"您的账户已达到速率限制，请您控制请求频率"}}""", null, FailureKind.RateLimited, null, null },
        { "zhipu 429 1303", ProviderFamily.Zhipu, 429, """{"error":{"code":"1303","message":"频率过高"}}""", null, FailureKind.RateLimited, null, null },
        { "zhipu 429 1313 fair use", ProviderFamily.Zhipu, 429, """{"error":{"code":"1313","message":"使用模式不符合公平使用策略，请求频率受限"}}""", null, FailureKind.RateLimited, null, null },
        { "zhipu 429 1305 overloaded", ProviderFamily.Zhipu, 429, """{"error":{"code":"1305","message":"该模型当前访问量过大，请您稍后再试"}}""", null, FailureKind.Overloaded, null, null },
        { "zhipu 429 1312 overloaded", ProviderFamily.Zhipu, 429, """{"error":{"code":"1312","message":"该模型当前访问量过大，请稍后再试或切换 glm-4.5-air"}}""", null, FailureKind.Overloaded, null, null },
        { "zhipu 401 1000", ProviderFamily.Zhipu, 401, """{"error":{"code":"1000","message":"Authentication Failed"}}""", null, FailureKind.AuthFailed, null, null },
        { "zhipu 401 1002", ProviderFamily.Zhipu, 401, """{"error":{"code":"1002","message":"Authorization Token非法，请确认Authorization Token正确传递。"}}""", null, FailureKind.AuthFailed, null, null },
        { "zhipu 429 1112 locked", ProviderFamily.Zhipu, 429, """{"error":{"code":"1112","message":"账户已被锁定"}}""", null, FailureKind.Forbidden, null, null },
        { "zhipu 400 1311 not in plan", ProviderFamily.Zhipu, 400, """{"error":{"code":"1311","message":"当前订阅套餐暂未开放 glm-5 权限"}}""", null, FailureKind.Forbidden, null, null },
        { "zhipu 400 1211 model", ProviderFamily.Zhipu, 400, """{"error":{"code":"1211","message":"模型不存在，请检查模型代码。"}}""", null, FailureKind.ModelNotFound, null, null },
        { "zhipu 400 1261 prompt", ProviderFamily.Zhipu, 400, """{"error":{"code":"1261","message":"Prompt 超长"}}""", null, FailureKind.BadRequest, null, null },
        { "zhipu 400 1301 sensitive", ProviderFamily.Zhipu, 400, """{"error":{"code":"1301","message":"系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合。"}}""", null, FailureKind.ContentFiltered, null, null },
        { "zhipu 500 code 500", ProviderFamily.Zhipu, 500, """{"error":{"code":"500","message":"Internal Error"}}""", null, FailureKind.ServerError, null, null },
        { "zhipu 1234 network", ProviderFamily.Zhipu, 500, """{"error":{"code":"1234","message":"网络错误，错误id：abc，请联系客服"}}""", null, FailureKind.ServerError, null, null },
        { "zhipu anthropic-style 1113 in type", ProviderFamily.Zhipu, 429, """{"type":"error","error":{"type":"1113","message":"余额不足或无可用资源包,请充值。"},"request_id":"20260212180000def"}""", null, FailureKind.QuotaExhausted, null, null },

        // ── OpenAI ───────────────────────────────────────────────────────────────────────
        { "openai 429 insufficient_quota", ProviderFamily.OpenAi, 429, """{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""", null, FailureKind.QuotaExhausted, null, null },
        { "openai 429 org spend limit", ProviderFamily.OpenAi, 429, """{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"organization_spend_limit_exceeded"}}""", null, FailureKind.QuotaExhausted, null, null },
        { "openai 429 rate_limit_exceeded", ProviderFamily.OpenAi, 429, """{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-abc on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", "retry-after-ms: 1500", FailureKind.RateLimited, 1.5, null },
        { "openai 429 slow_down", ProviderFamily.OpenAi, 429, """{"error":{"message":"Please reduce your rate of requests.","type":"slow_down","param":null,"code":"slow_down"}}""", null, FailureKind.RateLimited, null, null },
        { "openai 401 invalid_api_key", ProviderFamily.OpenAi, 401, """{"error":{"message":"Incorrect API key provided: sk-abc***wxyz. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", null, FailureKind.AuthFailed, null, null },
        { "openai 401 not a member", ProviderFamily.OpenAi, 401, """{"error":{"message":"You must be a member of an organization to use the API.","type":"invalid_request_error","param":null,"code":"no_organization"}}""", null, FailureKind.Forbidden, null, null },
        { "openai 403 region", ProviderFamily.OpenAi, 403, """{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}""", null, FailureKind.Forbidden, null, null },
        { "openai 404 model_not_found", ProviderFamily.OpenAi, 404, """{"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}""", null, FailureKind.ModelNotFound, null, null },
        { "openai 400 unsupported_parameter", ProviderFamily.OpenAi, 400, """{"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}""", null, FailureKind.BadRequest, null, null },
        { "openai 400 integer_below_min_value", ProviderFamily.OpenAi, 400, """{"error":{"message":"Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 1 instead.","type":"invalid_request_error","param":"max_output_tokens","code":"integer_below_min_value"}}""", null, FailureKind.BadRequest, null, null },
        { "openai 503 server_is_overloaded", ProviderFamily.OpenAi, 503, """{"error":{"message":"That model is currently overloaded with other requests.","type":"service_unavailable_error","param":null,"code":"server_is_overloaded"}}""", "retry-after: 2", FailureKind.Overloaded, 2, null },
        { "openai 500 server_error", ProviderFamily.OpenAi, 500, """{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}""", null, FailureKind.ServerError, null, null },

        // ── OpenRouter ───────────────────────────────────────────────────────────────────
        { "openrouter 402 credits", ProviderFamily.OpenRouter, 402, """{"error":{"code":402,"message":"Insufficient credits. Add more using https://openrouter.ai/credits","metadata":{"limit_source":"openrouter_credits"}}}""", null, FailureKind.QuotaExhausted, null, null },
        { "openrouter 429 free-models-per-day", ProviderFamily.OpenRouter, 429, """{"error":{"message":"Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day","code":429,"metadata":{"headers":{"X-RateLimit-Limit":"50","X-RateLimit-Remaining":"0","X-RateLimit-Reset":"1770940800000"}}}}""", null, FailureKind.QuotaExhausted, 50400, "2026-02-13T00:00:00Z" },
        { "openrouter 429 upstream", ProviderFamily.OpenRouter, 429, """{"error":{"message":"Provider returned error","code":429,"metadata":{"raw":"google/gemini-2.5-flash is temporarily rate-limited upstream","provider_name":"Google AI Studio"}}}""", null, FailureKind.RateLimited, null, null },
        { "openrouter 429 retry-after", ProviderFamily.OpenRouter, 429, """{"error":{"message":"Rate limit exceeded","code":429}}""", "Retry-After: 10", FailureKind.RateLimited, 10, null },
        { "openrouter 408 timeout", ProviderFamily.OpenRouter, 408, """{"error":{"code":408,"message":"Your request timed out"}}""", null, FailureKind.Timeout, null, null },
        { "openrouter 502 model down", ProviderFamily.OpenRouter, 502, """{"error":{"code":502,"message":"Your chosen model is down or we received an invalid response from it"}}""", null, FailureKind.Overloaded, null, null },
        { "openrouter 503 no provider", ProviderFamily.OpenRouter, 503, """{"error":{"code":503,"message":"No available model provider meets your routing requirements"}}""", null, FailureKind.Overloaded, null, null },
        { "openrouter 403 moderation", ProviderFamily.OpenRouter, 403, """{"error":{"code":403,"message":"openai/gpt-4o requires moderation on OpenRouter. Your input was flagged for \"harassment\".","metadata":{"reasons":["harassment"],"flagged_input":"ping","provider_name":"OpenAI","model_slug":"openai/gpt-4o"}}}""", null, FailureKind.ContentFiltered, null, null },
        { "openrouter 403 guardrail", ProviderFamily.OpenRouter, 403, """{"error":{"code":403,"message":"This model is blocked by your organization's guardrail settings"}}""", null, FailureKind.Forbidden, null, null },
        { "openrouter 401", ProviderFamily.OpenRouter, 401, """{"error":{"code":401,"message":"User not found."}}""", null, FailureKind.AuthFailed, null, null },
        { "openrouter 400 passthrough", ProviderFamily.OpenRouter, 400, """{"error":{"code":400,"message":"Provider returned error","metadata":{"raw":"{\"error\":{\"message\":\"Invalid 'max_output_tokens': integer below minimum value.\"}}","provider_name":"Azure"}}}""", null, FailureKind.BadRequest, null, null },
        { "openrouter 200 error body", ProviderFamily.OpenRouter, 200, """{"id":"gen-123","error":{"code":502,"message":"Upstream error from Chutes: model crashed"}}""", null, FailureKind.Overloaded, null, null },

        // ── Generic OpenAI-compatible and non-JSON ───────────────────────────────────────
        { "deepseek 402 insufficient balance", ProviderFamily.Generic, 402, """{"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}}""", null, FailureKind.QuotaExhausted, null, null },
        { "generic 200 error body", ProviderFamily.Generic, 200, """{"error":{"message":"Internal error while generating","type":"server_error","code":"server_error"}}""", null, FailureKind.ServerError, null, null },
        { "generic 502 html", ProviderFamily.Generic, 502, "<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>", null, FailureKind.ServerError, null, null },
        { "generic 503 empty", ProviderFamily.Generic, 503, "", null, FailureKind.Overloaded, null, null },
        { "generic 500 truncated json", ProviderFamily.Generic, 500, """{"error":{"message":"The server had an err""", null, FailureKind.ServerError, null, null },
        { "generic 429 http-date retry-after", ProviderFamily.Generic, 429, "Too Many Requests", "Retry-After: Thu, 12 Feb 2026 10:01:00 GMT", FailureKind.RateLimited, 60, null },
        { "generic 429 bare", ProviderFamily.Generic, 429, "", null, FailureKind.RateLimited, null, null },
        { "generic 422", ProviderFamily.Generic, 422, """{"detail":"Unprocessable Entity"}""", null, FailureKind.BadRequest, null, null },
        { "generic 408", ProviderFamily.Generic, 408, "", null, FailureKind.Timeout, null, null },
        { "generic 409 unknown", ProviderFamily.Generic, 409, """{"error":{"message":"conflict"}}""", null, FailureKind.Unknown, null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_ProviderBody_YieldsKindAndHints(
        string name, ProviderFamily family, int status, string body, string? header, FailureKind kind, double? retryAfterSeconds, string? resetAt)
    {
        var result = _classifier.Classify(family, Response(status, body, header), Now);

        Assert.True(kind == result.Kind, $"{name}: expected {kind}, got {result.Kind} by rule {result.Rule}");
        Assert.Equal(retryAfterSeconds, result.RetryAfter?.TotalSeconds);
        Assert.Equal(resetAt is null ? null : DateTimeOffset.Parse(resetAt, System.Globalization.CultureInfo.InvariantCulture), result.ResetAt);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.DoesNotContain('\n', result.Message);
        Assert.True(result.Message.Length <= MessageText.MaxLength);
    }

    [Fact]
    public void Classify_TableCoversAtLeastFortyCases() => Assert.True(Cases.Count() >= 40);

    [Theory]
    [InlineData(ProviderFamily.Gemini, """{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}""", true)]
    [InlineData(ProviderFamily.Generic, "", true)]
    [InlineData(ProviderFamily.Gemini, """{"error":{"code":429,"message":"x","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"3s"}]}}""", false)]
    [InlineData(ProviderFamily.OpenAi, """{"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}}""", false)]

    // No retry-after and no spend-cap code: ambiguous, so a rate limit the tracker escalates if it lasts.
    [InlineData(ProviderFamily.Anthropic, """{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit."}}""", true)]
    public void Classify_429_MarksUndetailedOnlyWithoutDetail(ProviderFamily family, string body, bool undetailed)
    {
        var result = _classifier.Classify(family, Response(429, body, null), Now);

        Assert.Equal(FailureKind.RateLimited, result.Kind);
        Assert.Equal(undetailed, result.IsUndetailedRateLimit);
    }

    [Fact]
    public void Classify_NonJsonBody_SaysStatusAndContentType()
    {
        var response = ProviderResponse.FromText(502, "<html>Bad gateway</html>", contentType: "text/html");

        var result = _classifier.Classify(ProviderFamily.Generic, response, Now);

        Assert.Equal("HTTP 502 with a non-JSON body (text/html)", result.Message);
    }

    [Fact]
    public void Classify_InvalidUtf8_ClassifiesByStatus()
    {
        var response = new ProviderResponse(500, "application/json", new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0xFF, 0x22 }, new Dictionary<string, string>());

        var result = _classifier.Classify(ProviderFamily.OpenAi, response, Now);

        Assert.Equal(FailureKind.ServerError, result.Kind);
        Assert.Contains("non-JSON", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_MessageIsLabelledAndCapped()
    {
        var longMessage = new string('x', 1000);
        var body = $$$"""{"error":{"code":"1113","message":"line one\nline two {{{longMessage}}}"}}""";

        var result = _classifier.Classify(ProviderFamily.Zhipu, Response(429, body, null), Now);

        Assert.StartsWith("HTTP 429 1113: line one line two x", result.Message, StringComparison.Ordinal);
        Assert.Equal(MessageText.MaxLength, result.Message.Length);
    }

    [Fact]
    public void Classify_BodyRequestId_IsReturned()
    {
        var result = _classifier.Classify(
            ProviderFamily.Anthropic, Response(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_abc"}""", null), Now);

        Assert.Equal("req_abc", result.BodyRequestId);
    }

    [Fact]
    public void Classify_KeyLookingTextInMessage_IsRedacted()
    {
        const string body = """{"error":{"message":"Incorrect API key provided: sk-proj-AbCdEfGhIjKlMnOpQrStUv.","code":"invalid_api_key"}}""";

        var result = _classifier.Classify(ProviderFamily.OpenAi, Response(401, body, null), Now);

        Assert.DoesNotContain("AbCdEfGhIjKlMnOpQrStUv", result.Message, StringComparison.Ordinal);
        Assert.Contains("[redacted]", result.Message, StringComparison.Ordinal);
    }

    private static ProviderResponse Response(int status, string body, string? header)
    {
        var headers = new Dictionary<string, string>();
        if (header is not null)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            headers[header[..colon].Trim()] = header[(colon + 1)..].Trim();
        }

        var contentType = body.StartsWith('<') ? "text/html" : body.Length == 0 || body[0] is '{' or '[' ? "application/json" : "text/plain";
        return ProviderResponse.FromText(status, body, headers, contentType);
    }

    private static string GeminiQuota(string quotaId, string quotaValue, string retryDelay) =>
        $$$"""
        {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
         "status":"RESOURCE_EXHAUSTED","details":[
          {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{
           "quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests",
           "quotaId":"{{{quotaId}}}",
           "quotaDimensions":{"location":"global","model":"gemini-2.0-flash"},"quotaValue":"{{{quotaValue}}}"}]},
          {"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more about Gemini API quotas","url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]},
          {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"{{{retryDelay}}}"}]}}
        """;
}
