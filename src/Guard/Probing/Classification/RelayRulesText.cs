namespace Guard.Probing.Classification;

/// <summary>The one-api/new-api messages (English and Chinese) that identify a relay and its own failures.</summary>
internal static class RelayRulesText
{
    /// <summary>"当前分组 default 下对于模型 gpt-4o 无可用渠道", "No available channel for model … under group …".</summary>
    public static readonly string[] NoChannel = ["无可用渠道", "no available channel", "没有可用渠道", "no available channels"];

    /// <summary>"用户额度不足", "该令牌额度已用尽", "user quota is not enough", "token quota is not enough".</summary>
    public static readonly string[] Quota =
        ["额度不足", "额度已用尽", "余额不足", "quota is not enough", "quota has been exhausted", "insufficient user quota"];

    /// <summary>"当前分组上游负载已饱和，请稍后再试", "upstream load is saturated".</summary>
    public static readonly string[] Saturated = ["负载已饱和", "负载已经饱和", "load is saturated", "saturated, please try again"];

    /// <summary>"无效的令牌", "令牌已过期", "令牌已被禁用", "invalid token".</summary>
    public static readonly string[] BadToken = ["无效的令牌", "令牌已过期", "令牌已被禁用", "令牌状态不可用", "未提供令牌", "invalid token"];

    public static bool IsRelayMessage(ErrorFacts facts) =>
        facts.MessageHasAny(NoChannel) || facts.MessageHasAny(Saturated) || facts.MessageHasAny(BadToken)
        || (facts.MessageHasAny(Quota) && facts.BusinessCode is null);
}
