namespace Guard.Probing.Classification.Rules;

/// <summary>Zhipu GLM business codes, string or number, in <c>error.code</c> or (Anthropic-style) <c>error.type</c> (providers.md §5).</summary>
internal static class ZhipuRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("zhipu.plan-window", FailureKind.QuotaExhausted, f => f.BusinessCodeIn(1308, 1310))
        {
            ResetAt = f => ResetTimes.ZhipuFlushTime(f.Message),
        },
        new("zhipu.daily", FailureKind.QuotaExhausted, f => f.BusinessCodeIn(1304))
        {
            ResetAt = f => ResetTimes.NextBeijingMidnight(f.Now),
        },
        new("zhipu.balance", FailureKind.QuotaExhausted, f => f.BusinessCodeIn(1113, 1309)),
        new("zhipu.rate-limit", FailureKind.RateLimited, f => f.BusinessCodeIn(1302, 1303, 1313)),
        new("zhipu.overloaded", FailureKind.Overloaded, f => f.BusinessCodeIn(1305, 1312)),
        new("zhipu.auth", FailureKind.AuthFailed, f => f.BusinessCodeIn(1000, 1001, 1002, 1003, 1004, 1111)),
        new("zhipu.forbidden", FailureKind.Forbidden, f => f.BusinessCodeIn(1110, 1112, 1121, 1220, 1300, 1311) || f.Status == 434),
        new("zhipu.model-not-found", FailureKind.ModelNotFound, f => f.BusinessCodeIn(1211, 1221, 1222)),
        new("zhipu.bad-request", FailureKind.BadRequest, f => f.BusinessCodeIn(1200, 1210, 1212, 1213, 1214, 1215, 1261)),
        new("zhipu.sensitive", FailureKind.ContentFiltered, f => f.BusinessCodeIn(1301)),
        new("zhipu.server", FailureKind.ServerError, f => f.BusinessCodeIn(500, 1120, 1230, 1231, 1234)),
    ];
}
