using Guard.Chain;
using Guard.Alerts;
using Guard.Alerts.Rendering;
using Guard.Configuration;
using Guard.Logging;
using Guard.OpenClaw.Advice;
using Guard.OpenClaw.Discovery;
using Guard.State;

namespace Guard.Tests.OpenClaw;

/// <summary>What the owner reads about advice and reordering: <c>guard status</c> lines and the ChainReordered notice.</summary>
public sealed class OpenClawStatusPrinterTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Status_shows_the_advice_with_reasons_and_guards_order_in_effect()
    {
        var options = new GuardOptions { Models = [new ModelOptions { Id = "google/gemini-3-flash" }, new ModelOptions { Id = "zhipu/glm-4.7" }] };
        options.OpenClaw.Discover = false;
        var state = new GuardState();
        state.Models["google/gemini-3-flash"] = new ModelState { Health = ModelHealth.Down };
        state.Models["zhipu/glm-4.7"] = new ModelState { Health = ModelHealth.Healthy, LastLatencyMs = 120 };
        state.Reorder = new ReorderState
        {
            Original = ["google/gemini-3-flash", "zhipu/glm-4.7"],
            Applied = ["zhipu/glm-4.7", "google/gemini-3-flash"],
            Why = "primary google/gemini-3-flash down",
            LastChangeAt = Now.AddMinutes(-3),
        };
        using var output = new StringWriter();

        OpenClawStatusPrinter.Print(output, options, new ModelChain(), state, Now);

        var text = output.ToString();
        Assert.Contains("Advice     recommended order zhipu/glm-4.7 (healthy, 120 ms) → google/gemini-3-flash (down)", text, StringComparison.Ordinal);
        Assert.Contains("Reorder    Guard's order in effect since 2026-02-12 20:57 UTC: zhipu/glm-4.7 → google/gemini-3-flash (primary google/gemini-3-flash down)", text, StringComparison.Ordinal);
        Assert.Contains("the owner's order google/gemini-3-flash → zhipu/glm-4.7 returns", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ChainReordered_notice_names_action_and_both_orders()
    {
        var alert = new FiringAlert
        {
            Fingerprint = "ChainReordered|applied|zhipu/glm-4.7 → google/gemini-3-flash",
            Kind = AlertEventKind.ChainReordered,
            Severity = AlertSeverity.Warning,
            Since = Now,
            LastFailureAt = Now,
            Detail = "Guard wrote a new order (primary google/gemini-3-flash down)",
            Labels = new Dictionary<string, string>
            {
                ["action"] = "applied",
                ["from"] = "google/gemini-3-flash → zhipu/glm-4.7",
                ["to"] = "zhipu/glm-4.7 → google/gemini-3-flash",
            },
        };

        var message = new AlertRenderer(SecretRedactor.Default).Render(alert, new AlertNotice("n1", AlertStatus.Firing, Now), new AlertsOptions());

        Assert.Equal("🔀 模型链顺序已调整 ChainReordered: applied", message.Title);
        Assert.Equal(
            "Guard wrote a new order (primary google/gemini-3-flash down)\n原顺序 from: google/gemini-3-flash → zhipu/glm-4.7\n新顺序 to: zhipu/glm-4.7 → google/gemini-3-flash\nID n1",
            message.Text);
    }
}
