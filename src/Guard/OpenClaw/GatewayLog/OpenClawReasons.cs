using Guard.Probing;

namespace Guard.OpenClaw.GatewayLog;

/// <summary>
/// OpenClaw's failover reasons (rate_limit, billing, auth, auth_permanent, timeout, overloaded, model_not_found, format,
/// session_expired, unknown) plus the HTTP status and error text it logged, mapped to Guard's failure kinds.
/// </summary>
public static class OpenClawReasons
{
    private static readonly string[] QuotaWords = ["quota", "insufficient", "credit", "balance", "billing"];
    private static readonly string[] NetworkWords = ["econnrefused", "enotfound", "econnreset", "eai_again", "und_err", "fetch failed", "network connection", "socket hang up"];

    /// <summary>
    /// A candidate skipped in cooldown, not called: "Provider p is in cooldown (…)" (2026.2.x and 9.x) or "Inline API key
    /// for provider "p" is temporarily disabled after a provider auth/billing failure" (9.x).
    /// </summary>
    public static bool IsCooldownSkip(string? text) =>
        text is not null && (text.Contains(" is in cooldown", StringComparison.Ordinal)
            || text.Contains("is temporarily disabled after a provider", StringComparison.Ordinal));

    public static FailureKind Map(string? reason, int? httpStatus, string? text)
    {
        var lower = text?.ToLowerInvariant() ?? "";
        return reason switch
        {
            "rate_limit" => QuotaWords.Any(lower.Contains) ? FailureKind.QuotaExhausted : FailureKind.RateLimited,
            "billing" => FailureKind.QuotaExhausted,
            "auth" or "auth_permanent" => httpStatus == 403 ? FailureKind.Forbidden : FailureKind.AuthFailed,
            "session_expired" => FailureKind.AuthFailed,
            "timeout" => httpStatus is >= 500 and not 503 ? FailureKind.ServerError : FailureKind.Timeout,
            "overloaded" => FailureKind.Overloaded,
            "model_not_found" => FailureKind.ModelNotFound,
            "format" => FailureKind.BadRequest,
            _ => FromStatus(httpStatus, lower),
        };
    }

    private static FailureKind FromStatus(int? status, string lower) => status switch
    {
        401 => FailureKind.AuthFailed,
        402 => FailureKind.QuotaExhausted,
        403 => FailureKind.Forbidden,
        404 => FailureKind.ModelNotFound,
        408 => FailureKind.Timeout,
        429 => QuotaWords.Any(lower.Contains) ? FailureKind.QuotaExhausted : FailureKind.RateLimited,
        529 => FailureKind.Overloaded,
        400 or 422 => FailureKind.BadRequest,
        >= 500 => FailureKind.ServerError,
        _ when lower.Contains("timed out", StringComparison.Ordinal) || lower.Contains("timeout", StringComparison.Ordinal) => FailureKind.Timeout,
        _ when NetworkWords.Any(lower.Contains) => FailureKind.Network,
        _ => FailureKind.Unknown,
    };
}
