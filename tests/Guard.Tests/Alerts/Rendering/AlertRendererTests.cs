using Guard.Alerts;
using Guard.Alerts.Rendering;
using Guard.Alerts.Sources;
using Guard.Configuration;
using Guard.Logging;
using Guard.Probing;

namespace Guard.Tests.Alerts.Rendering;

public sealed class AlertRendererTests
{
    private static readonly DateTimeOffset At = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);

    private static FiringAlert ChainDark(string? detail = null) => new()
    {
        Fingerprint = "ChainDark",
        Kind = AlertEventKind.ChainDark,
        Severity = AlertSeverity.Critical,
        Since = At,
        LastFailureAt = At,
        Detail = detail,
        Lines =
        [
            AlertLines.Model("google/gemini-3-flash", false, FailureKind.QuotaExhausted, 429, new DateTimeOffset(2026, 2, 13, 8, 0, 0, TimeSpan.Zero)),
            AlertLines.Model("zhipu/glm-4.7", false, FailureKind.Timeout, null, null),
        ],
    };

    [Fact]
    public void Render_DefaultTemplate_ChineseWithEnglishKeys_EmptyLinesLeftOut()
    {
        var message = new AlertRenderer(SecretRedactor.Default).Render(ChainDark(), new AlertNotice("abc123", AlertStatus.Firing, At), new AlertsOptions());

        Assert.Equal("🚨 模型链全部不可用 ChainDark", message.Title);
        Assert.Equal(
            "google/gemini-3-flash: QuotaExhausted (HTTP 429), 重置 reset 2026-02-13 08:00 UTC\n" +
            "zhipu/glm-4.7: Timeout\n" +
            "开始 since: 2026-02-12 21:00 UTC\n" +
            "ID abc123",
            message.Text);
        Assert.Equal("ChainDark", message.Labels["alertname"]);
        Assert.Equal("Critical", message.Labels["severity"]);
        Assert.Equal("abc123", message.Id);
    }

    [Fact]
    public void Render_ConfiguredOverride_ReplacesTitleAndText_WithPlaceholders()
    {
        var options = new AlertsOptions();
        options.Templates["chaindark"] = new AlertTemplateOptions { Title = "ALL DOWN since {since}", Text = "{lines}\\n-- {severity} {event}" };
        var message = new AlertRenderer(SecretRedactor.Default).Render(ChainDark(), new AlertNotice("x", AlertStatus.Firing, At), options);

        Assert.Equal("ALL DOWN since 2026-02-12 21:00 UTC", message.Title);
        Assert.EndsWith("zhipu/glm-4.7: Timeout\n-- Critical ChainDark", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OverrideOfOneKind_LeavesOthersAndTitleDefault()
    {
        var options = new AlertsOptions();
        options.Templates["ChainDark"] = new AlertTemplateOptions { Text = "only text" };
        Assert.Equal("🚨 模型链全部不可用 ChainDark", AlertRenderer.TemplateFor(AlertEventKind.ChainDark, options).Title);
        Assert.Equal("only text", AlertRenderer.TemplateFor(AlertEventKind.ChainDark, options).Text);
        Assert.Equal(AlertTemplateDefaults.For(AlertEventKind.ModelDown), AlertRenderer.TemplateFor(AlertEventKind.ModelDown, options));
    }

    [Fact]
    public void Render_SecretsInDetailAndLabels_AreRedacted()
    {
        const string secret = "sk-live-0123456789abcdef";
        var alert = ChainDark($"upstream said key {secret} is invalid; hook https://open.feishu.cn/open-apis/bot/v2/hook/0a1b2c3d-4e5f-6789-abcd-ef0123456789");
        alert.Labels["unit"] = secret;
        var message = new AlertRenderer(new SecretRedactor([secret])).Render(alert, new AlertNotice("x", AlertStatus.Firing, At), new AlertsOptions());

        Assert.DoesNotContain(secret, message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("0a1b2c3d-4e5f-6789-abcd-ef0123456789", message.Text, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, message.Text, StringComparison.Ordinal);
        Assert.Equal(SecretRedactor.Mask, message.Labels["unit"]);
    }

    [Fact]
    public void Render_Resolved_UsesRecoveredTemplate_OrResolvedPrefix()
    {
        var renderer = new AlertRenderer(SecretRedactor.Default);
        var chain = renderer.Render(ChainDark(), new AlertNotice("r", AlertStatus.Resolved, At.AddMinutes(36), Note: "usable again: zhipu/glm-4.7"), new AlertsOptions());
        Assert.Equal(AlertEventKind.ChainRecovered, chain.Kind);
        Assert.Equal("✅ 模型链已恢复 ChainRecovered", chain.Title);
        Assert.Contains("中断 dark: 2026-02-12 21:00 UTC → 2026-02-12 21:36 UTC (36 min)", chain.Text, StringComparison.Ordinal);
        Assert.Equal(At.AddMinutes(36), chain.EndsAt);

        var gateway = new FiringAlert
        {
            Fingerprint = "GatewayUnhealthy|u", Kind = AlertEventKind.GatewayUnhealthy, Severity = AlertSeverity.Warning, Since = At,
            Labels = new() { ["unit"] = "openclaw-gateway.service" },
        };
        var resolved = renderer.Render(gateway, new AlertNotice("g", AlertStatus.Resolved, At.AddHours(2)), new AlertsOptions());
        Assert.Equal("✅ 已恢复 Resolved · 🚑 网关不健康 GatewayUnhealthy openclaw-gateway.service", resolved.Title);
        Assert.Contains("(2 h 0 min)", resolved.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_UnknownPlaceholdersStay_LineWithOnlyEmptyPlaceholdersDropped()
    {
        var values = new Dictionary<string, string> { ["a"] = "A", ["b"] = "" };
        Assert.Equal("x A {zzz}\nlast", AlertRenderer.Fill("x {a} {zzz}\nlabel: {b}\nlast", values));
    }
}
