namespace Guard.Probing.Classification.Rules;

/// <summary>NVIDIA NIM / API catalogue: RFC 9457 <c>{"status","title","detail"}</c>; a bad key is a 403 "Authorization failed".</summary>
internal static class NvidiaRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("nvidia.auth", FailureKind.AuthFailed,
            f => f.Status is 401 or 403 && (f.MessageHasAny("Authorization failed", "Authentication failed", "Unauthorized") || f.ProblemTitle is "Unauthorized")),
        new("nvidia.credits", FailureKind.QuotaExhausted, f => f.Status == 402 || f.MessageHasAny("out of credits", "credits have expired")),
        new("nvidia.not-found", FailureKind.ModelNotFound, f => f.Status == 404 && f.MessageHasAny("Function", "model", "Not Found")),
        new("nvidia.rate-limit", FailureKind.RateLimited, f => f.Status == 429),
    ];
}
