using Guard.Alerts;
using Guard.Alerts.Channels.OpenClaw;

namespace Guard.Tests.Alerts.Channels.OpenClaw;

public sealed class OpenClawChatTextTests
{
    [Fact]
    public void Chain_dark_reads_as_a_chat_message()
    {
        var text = OpenClawChatText.Render(Message(AlertEventKind.ChainDark, "🚨 模型链全部不可用 ChainDark",
            "google/gemini-3-flash: QuotaExhausted (HTTP 429), 重置 reset 2026-02-13 08:00 UTC\n\nzhipu/glm-4.7: Timeout\n开始 since: 2026-02-12 21:00 UTC\nID abc123"));
        var lines = text.Split('\n');

        Assert.Equal("🚨 模型链全部不可用 ChainDark", lines[0]);
        Assert.Contains("google/gemini-3-flash: QuotaExhausted (HTTP 429), 重置 reset 2026-02-13 08:00 UTC", lines);
        Assert.Contains("zhipu/glm-4.7: Timeout", lines);
        Assert.Contains(lines, l => l.StartsWith("Guard: ", StringComparison.Ordinal));
        Assert.Equal("ID abc123", lines[^1]);
        Assert.DoesNotContain("", lines);
    }

    [Fact]
    public void Long_titles_and_bodies_are_cut_for_chat()
    {
        var text = OpenClawChatText.Render(Message(AlertEventKind.ModelDown, new string('x', 200), string.Join('\n', Enumerable.Repeat(new string('y', 100), 100)) + "\nID abc"));
        var lines = text.Split('\n');

        Assert.True(lines[0].Length <= OpenClawChatText.MaxFirstLineChars);
        Assert.True(text.Length <= OpenClawChatText.MaxChars, $"{text.Length} chars");
        Assert.Contains("more)", text, StringComparison.Ordinal);
        Assert.Equal("ID abc", lines[^1]);
    }

    [Fact]
    public void Quota_critical_says_guard_only_told_and_resolved_says_nothing_about_actions()
    {
        Assert.Contains("CriticalCommand", OpenClawChatText.Render(Message(AlertEventKind.QuotaCritical, "🚨 额度即将用完 QuotaCritical: a/b", "95 %\n重置 reset: 2026-02-13 08:00 UTC\nID q")),
            StringComparison.Ordinal);
        Assert.DoesNotContain("Guard:", OpenClawChatText.Render(Message(AlertEventKind.ChainDark, "✅", "ok\nID r") with { Status = AlertStatus.Resolved }),
            StringComparison.Ordinal);
    }

    internal static AlertMessage Message(AlertEventKind kind, string title, string text) => new()
    {
        Id = "abc123",
        Fingerprint = $"{kind}|x",
        Kind = kind,
        Severity = AlertSeverity.Critical,
        Status = AlertStatus.Firing,
        Title = title,
        Text = text,
        StartsAt = new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero),
    };
}
