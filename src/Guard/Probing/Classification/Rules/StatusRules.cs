namespace Guard.Probing.Classification.Rules;

/// <summary>The generic fallback by status, applied after every provider's own rows (providers.md §8 step 4).</summary>
internal static class StatusRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("status.401", FailureKind.AuthFailed, f => f.Status == 401),
        new("status.402", FailureKind.QuotaExhausted, f => f.Status == 402),
        new("status.403", FailureKind.Forbidden, f => f.Status == 403),
        new("status.404", FailureKind.ModelNotFound, f => f.Status == 404),
        new("status.400", FailureKind.BadRequest, f => f.Status is 400 or 413 or 422),
        new("status.timeout", FailureKind.Timeout, f => f.Status is 408 or 504),

        // Cloudflare's own 52x pages (HTML, any host behind Cloudflare): 522/524 are the origin timing out.
        new("cloudflare.timeout", FailureKind.Timeout, f => f.Status is 522 or 524),
        new("cloudflare.origin-down", FailureKind.ServerError, f => f.Status is 520 or 521 or 523 or 525 or 526 && !f.IsJson),
        new("status.429-with-hint", FailureKind.RateLimited, f => f.Status == 429 && f.RetryAfter is not null),
        new("status.429", FailureKind.RateLimited, f => f.Status == 429) { Undetailed = true },
        new("status.overloaded", FailureKind.Overloaded, f => f.Status is 503 or 529),
        new("status.5xx", FailureKind.ServerError, f => f.Status is >= 500 and < 600),

        // An error object inside a 2xx with no usable status: the provider failed mid-request.
        new("status.2xx-error", FailureKind.ServerError, f => f.HasErrorObject && f.Status is >= 200 and < 300),
        new("status.other", FailureKind.Unknown, _ => true),
    ];
}
