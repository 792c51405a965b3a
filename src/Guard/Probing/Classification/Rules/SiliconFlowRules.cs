namespace Guard.Probing.Classification.Rules;

/// <summary>SiliconFlow: a top-level numeric <c>code</c> and <c>message</c>, no error object (docs.siliconflow.cn error codes).</summary>
internal static class SiliconFlowRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("siliconflow.balance", FailureKind.QuotaExhausted,
            f => f.BusinessCodeIn(30001, 30011) || f.MessageHas("balance is insufficient")),
        new("siliconflow.model-not-found", FailureKind.ModelNotFound, f => f.BusinessCodeIn(20012) || f.MessageHas("Model does not exist")),
        new("siliconflow.rate-limit", FailureKind.RateLimited, f => f.Status == 429 && f.MessageHasAny("rate limit", "TPM limit", "RPM limit")),
        new("siliconflow.busy", FailureKind.Overloaded,
            f => f.BusinessCodeIn(50505, 50603) || f.MessageHasAny("too busy", "service overloaded")),
        new("siliconflow.bad-request", FailureKind.BadRequest, f => f.BusinessCodeIn(20015) || f.BusinessCode is >= 20000 and < 30000),
    ];
}
