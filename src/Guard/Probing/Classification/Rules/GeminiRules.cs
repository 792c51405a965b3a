namespace Guard.Probing.Classification.Rules;

/// <summary>Google Generative Language API, native and OpenAI-compatible (providers.md §1, §2, §8).</summary>
internal static class GeminiRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        // "limit: 0" means the tier has no quota for this model at all: waiting cannot help.
        new("gemini.quota-zero", FailureKind.Forbidden,
            f => f.Status == 429 && (f.QuotaValues.Contains("0") || f.MessageHas("limit: 0"))),
        new("gemini.prepay-depleted", FailureKind.QuotaExhausted, f => f.MessageHas("prepayment credits are depleted")),
        new("gemini.402", FailureKind.QuotaExhausted, f => f.Status == 402),
        new("gemini.per-day", FailureKind.QuotaExhausted, f => f.QuotaIdHas("PerDay"))
        {
            ResetAt = f => ResetTimes.NextPacificMidnight(f.Now),
        },
        new("gemini.per-minute", FailureKind.RateLimited, f => f.QuotaIdHas("PerMinute")),

        // A retry delay of hours is itself a daily-quota signal.
        new("gemini.retry-hours", FailureKind.QuotaExhausted, f => f.Status == 429 && f.RetryInfoDelay >= TimeSpan.FromHours(1))
        {
            ResetAt = f => f.Now + f.RetryInfoDelay,
        },
        new("gemini.retry-info", FailureKind.RateLimited, f => f.Status == 429 && f.RetryInfoDelay is not null),
        new("gemini.bare-429", FailureKind.RateLimited, f => f.Status == 429) { Undetailed = true },
        new("gemini.key-invalid", FailureKind.AuthFailed,
            f => f.Reasons.Contains("API_KEY_INVALID") || f.MessageHas("API key not valid") || f.MessageHas("API key expired")),
        new("gemini.failed-precondition", FailureKind.Forbidden, f => f.GoogleStatus == "FAILED_PRECONDITION"),
        new("gemini.permission-denied", FailureKind.Forbidden, f => f.GoogleStatus == "PERMISSION_DENIED"),
        new("gemini.unavailable", FailureKind.Overloaded, f => f.GoogleStatus == "UNAVAILABLE"),
        new("gemini.deadline", FailureKind.Timeout, f => f.GoogleStatus is "DEADLINE_EXCEEDED" or "CANCELLED" || f.Status == 499),
        new("gemini.not-found", FailureKind.ModelNotFound, f => f.GoogleStatus == "NOT_FOUND"),
        new("gemini.invalid-argument", FailureKind.BadRequest, f => f.GoogleStatus == "INVALID_ARGUMENT"),
        new("gemini.internal", FailureKind.ServerError, f => f.GoogleStatus == "INTERNAL"),
    ];
}
