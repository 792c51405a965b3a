namespace Guard.Probing.Classification.Rules;

/// <summary>Mistral: <c>{"object":"error","message","type","code":"1300"}</c> (docs.mistral.ai, mistralai client fixtures).</summary>
internal static class MistralRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("mistral.capacity", FailureKind.Overloaded, f => f.TypeIs("service_tier_capacity_exceeded") || f.CodeIs("3505")),
        new("mistral.rate-limit", FailureKind.RateLimited, f => f.TypeIs("rate_limited") || f.CodeIs("1300")),
        new("mistral.model-not-found", FailureKind.ModelNotFound, f => f.TypeIs("invalid_model", "model_not_found")),
        new("mistral.unauthorized", FailureKind.AuthFailed, f => f.Status == 401 || f.MessageHas("Unauthorized")),
    ];
}
