namespace Guard.Probing.Providers;

/// <summary>
/// Subscription plans reserved for coding tools. Their terms make a monitor's own completions a risk to the owner's
/// account (providers.md §4, §5), so Guard reads their quota endpoint instead and never sends them a deep probe.
/// </summary>
public enum CodingPlan
{
    None,

    /// <summary>GLM Coding Plan: <c>https://open.bigmodel.cn/api/coding/paas/v4</c>, <c>https://api.z.ai/api/coding/paas/v4</c>.</summary>
    ZhipuCodingPlan,

    /// <summary>Kimi Code membership: <c>https://api.kimi.com/coding/v1</c>.</summary>
    KimiCode,
}
