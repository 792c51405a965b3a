using System.Collections.Frozen;

namespace Guard.Alerts.Rendering;

/// <summary>
/// Built-in templates: Chinese for the owner, with the English key or value beside it so logs, search and
/// non-Chinese readers still work. A text line whose placeholders all render empty is left out.
/// </summary>
public static class AlertTemplateDefaults
{
    private const string Id = "ID {id}";

    /// <summary>Filled by the renderer for ChainDark and QuotaCritical; the line drops out when advice is off.</summary>
    private const string Advice = "建议顺序 chain advice: {chainAdvice}";

    private static readonly FrozenDictionary<AlertEventKind, AlertTemplate> Templates = new Dictionary<AlertEventKind, AlertTemplate>()
    {
        [AlertEventKind.ModelDown] = new("⚠️ 模型不可用 ModelDown: {model}",
            $"{{lines}}\n详情 detail: {{detail}}\n开始 since: {{since}}\n{Id}"),
        [AlertEventKind.ModelRecovered] = new("✅ 模型已恢复 ModelRecovered: {model}",
            $"{{note}}\n故障 down: {{since}} → {{until}} ({{duration}})\n最后失败 last failure: {{lastFailure}}\n{Id}"),
        [AlertEventKind.ChainDark] = new("🚨 模型链全部不可用 ChainDark",
            $"{{lines}}\n{{detail}}\n开始 since: {{since}}\n最早重试 earliest retry: {{retryAt}}\n{Advice}\n{Id}"),
        [AlertEventKind.ChainRecovered] = new("✅ 模型链已恢复 ChainRecovered",
            $"{{note}}\n中断 dark: {{since}} → {{until}} ({{duration}})\n{Id}"),
        [AlertEventKind.GatewayRestarted] = new("🔄 网关已重启 GatewayRestarted {unit}",
            $"{{detail}}\n{{lines}}\n{Id}"),
        [AlertEventKind.RestartSkipped] = new("⏸️ 未重启网关 RestartSkipped {unit}",
            $"原因 reason: {{detail}}\n{{lines}}\n{Id}"),
        [AlertEventKind.ManualInterventionNeeded] = new("🆘 需要人工处理 ManualInterventionNeeded",
            $"{{detail}}\n{{lines}}\n开始 since: {{since}}\n{Id}"),
        [AlertEventKind.GatewayUnhealthy] = new("🚑 网关不健康 GatewayUnhealthy {unit}",
            $"{{detail}}\n{{lines}}\n开始 since: {{since}}\n{Id}"),
        [AlertEventKind.QuotaWarning] = new("⚠️ 额度预警 QuotaWarning: {model}",
            $"{{detail}}\n{{lines}}\n重置 reset: {{retryAt}}\n{Id}"),
        [AlertEventKind.QuotaCritical] = new("🚨 额度即将用完 QuotaCritical: {model}",
            $"{{detail}}\n{{lines}}\n重置 reset: {{retryAt}}\n{Advice}\n{Id}"),
        [AlertEventKind.QuotaForecast] = new("⏳ 额度预计耗尽 QuotaForecast: {model}",
            $"{{detail}}\n{{lines}}\n重置 reset: {{retryAt}}\n{Id}"),
        [AlertEventKind.ChannelFailed] = new("📪 告警通道失败 ChannelFailed: {channel}",
            $"{{detail}}\n未送达 undelivered: {{lines}}\n{Id}"),
        [AlertEventKind.Test] = new("🧪 测试消息 Test", $"{{detail}}\n{Id}"),
        [AlertEventKind.ChainReordered] = new("🔀 模型链顺序已调整 ChainReordered: {action}",
            $"{{detail}}\n原顺序 from: {{from}}\n新顺序 to: {{to}}\n{Id}"),
        [AlertEventKind.ChainReorderFailed] = new("⚠️ 模型链顺序调整失败 ChainReorderFailed",
            $"{{detail}}\n当前 current: {{from}}\n目标 wanted: {{to}}\n{Id}"),
    }.ToFrozenDictionary();

    /// <summary>Prefix of a reminder's title (a Critical alert still firing after RepeatEvery).</summary>
    public const string ReminderPrefix = "⏰ 仍未恢复 Still firing · ";

    /// <summary>Prefix of a resolved notice's title for kinds without their own recovered template.</summary>
    public const string ResolvedPrefix = "✅ 已恢复 Resolved · ";

    /// <summary>Text of a resolved notice for kinds without their own recovered template.</summary>
    public const string ResolvedText = $"{{note}}\n持续 lasted: {{since}} → {{until}} ({{duration}})\n{Id}";

    public static AlertTemplate For(AlertEventKind kind) =>
        Templates.TryGetValue(kind, out var template) ? template : new($"{kind}", $"{{detail}}\n{{lines}}\n{Id}");
}
