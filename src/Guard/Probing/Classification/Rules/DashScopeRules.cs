namespace Guard.Probing.Classification.Rules;

/// <summary>
/// Alibaba Model Studio / DashScope (Qwen): dotted PascalCase codes in <c>code</c> (native) or <c>error.code</c>
/// (compatible mode). Source: help.aliyun.com/zh/model-studio/error-code.
/// </summary>
internal static class DashScopeRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("dashscope.arrearage", FailureKind.QuotaExhausted,
            f => f.CodeIs("Arrearage", "PrepaidBillOverdue", "PostpaidBillOverdue") || f.MessageHas("account is in good standing")),

        // The free tier of this model is used up and "use free tier only" is on: no waiting helps.
        new("dashscope.free-tier-only", FailureKind.QuotaExhausted, f => f.CodeIs("AllocationQuota.FreeTierOnly") || f.MessageHas("free tier of the model has been exhausted")),
        new("dashscope.throttling", FailureKind.RateLimited,
            f => f.CodeIs("Throttling", "Throttling.RateQuota", "Throttling.BurstRate", "Throttling.AllocationQuota")),
        new("dashscope.unpurchased", FailureKind.Forbidden,
            f => f.CodeIs("AccessDenied.Unpurchased", "CommodityNotPurchased", "AccessDenied", "Model.AccessDenied", "WorkspaceAccessDenied")),
        new("dashscope.invalid-key", FailureKind.AuthFailed, f => f.CodeIs("InvalidApiKey")),
        new("dashscope.data-inspection", FailureKind.ContentFiltered, f => f.CodeIs("DataInspectionFailed", "data_inspection_failed")),
        new("dashscope.model-not-found", FailureKind.ModelNotFound, f => f.CodeIs("ModelNotFound", "model_not_found")),
        new("dashscope.invalid-parameter", FailureKind.BadRequest, f => f.CodeIs("InvalidParameter")),
        new("dashscope.unavailable", FailureKind.Overloaded, f => f.CodeIs("ModelServiceUnavailable") || f.Status == 503),
        new("dashscope.internal", FailureKind.ServerError, f => f.CodeIs("InternalError", "InternalError.Algo")),
    ];
}
