using Guard.OpenClaw.Heartbeat;
using Guard.State;

namespace Guard.Tests.OpenClaw;

public sealed class HeartbeatSectionTests
{
    [Theory]
    [InlineData("# Heartbeat\n\n- check mail\n")]
    [InlineData("# no trailing newline")]
    [InlineData("")]
    [InlineData("  \r\n\ttabs and CRLF\r\n")]
    [InlineData("<!-- a user comment -->\n- 每次心跳时读取 .api_health_alert.json\n")]
    public void Adding_then_removing_the_section_restores_the_file_byte_for_byte(string original)
    {
        var with = HeartbeatSection.Apply(original, "## Guard status\n- primary down")!;
        Assert.StartsWith(original, with, StringComparison.Ordinal);
        Assert.Contains("- primary down", with, StringComparison.Ordinal);

        var updated = HeartbeatSection.Apply(with, "## Guard status\n- still down, other text")!;
        Assert.Equal(1, CountOf(updated, "guard-status:begin"));

        Assert.Equal(original, HeartbeatSection.Apply(updated, null));
    }

    [Fact]
    public void Text_the_owner_adds_after_the_section_survives()
    {
        var with = HeartbeatSection.Apply("top\n", "body")!;
        var edited = with + "added later\n";

        Assert.Equal("top\nadded later\n", HeartbeatSection.Apply(edited, null));
    }

    [Fact]
    public void A_file_guard_created_is_deleted_again()
    {
        var created = HeartbeatSection.Apply(null, "body")!;
        Assert.Null(HeartbeatSection.Apply(created, null));
    }

    [Fact]
    public void Summary_only_when_degraded_but_alive()
    {
        string[] chain = ["google/gemini-3-flash-preview", "zhipu/glm-4.7"];
        var state = new GuardState();
        state.Models[chain[0]] = new ModelState { Health = ModelHealth.Healthy };
        state.Models[chain[1]] = new ModelState { Health = ModelHealth.Healthy };
        Assert.Null(HeartbeatSummary.Build(chain, state));

        state.Models[chain[0]] = new ModelState { Health = ModelHealth.Down, LastFailureKind = Guard.Probing.FailureKind.QuotaExhausted, LastStatus = 429 };
        var body = HeartbeatSummary.Build(chain, state)!;
        Assert.Contains("Primary google/gemini-3-flash-preview is Down (QuotaExhausted, HTTP 429)", body, StringComparison.Ordinal);
        Assert.Contains("running on fallback zhipu/glm-4.7", body, StringComparison.Ordinal);

        state.Models[chain[1]] = new ModelState { Health = ModelHealth.Down };
        Assert.Null(HeartbeatSummary.Build(chain, state)); // all dark: the heartbeat cannot run anyway
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
