namespace Guard.Probing.Classification.Rules;

/// <summary>DeepSeek: OpenAI envelope with the type in <c>code</c>; 402 "Insufficient Balance" (api-docs.deepseek.com/quick_start/error_codes).</summary>
internal static class DeepSeekRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("deepseek.balance", FailureKind.QuotaExhausted, f => f.Status == 402 || f.MessageHas("Insufficient Balance")),
        new("deepseek.auth", FailureKind.AuthFailed, f => f.TypeIs("authentication_error") || f.MessageHas("Authentication Fails")),
        new("deepseek.model-not-found", FailureKind.ModelNotFound, f => f.MessageHas("Model Not Exist")),
        new("deepseek.busy", FailureKind.Overloaded, f => f.Status == 503 || f.MessageHas("Server overloaded")),
    ];
}
