namespace Guard.Probing.Classification.Rules;

/// <summary>xAI: <c>{"code":"&lt;gRPC status sentence&gt;","error":"&lt;message&gt;"}</c>; a bad key is a 400, credits run out on 429/403.</summary>
internal static class XaiRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("xai.credits", FailureKind.QuotaExhausted,
            f => f.MessageHasAny("used all available credits", "monthly spending limit", "doesn't have any credits", "spending limit", "purchase more credits", "purchase credits")),
        new("xai.invalid-key", FailureKind.AuthFailed, f => f.MessageHasAny("Incorrect API key", "Incorrect%20API%20key", "API key is invalid", "invalid API key")),
        new("xai.permission", FailureKind.Forbidden, f => f.Status == 403),
        new("xai.model-not-found", FailureKind.ModelNotFound, f => f.MessageHasAny("does not exist or your team", "Model not found")),
        new("xai.rate-limit", FailureKind.RateLimited, f => f.Status == 429),
    ];
}
