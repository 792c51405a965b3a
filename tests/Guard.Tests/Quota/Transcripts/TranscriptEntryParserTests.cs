using System.Text;
using Guard.Quota.Transcripts;

namespace Guard.Tests.Quota.Transcripts;

public sealed class TranscriptEntryParserTests
{
    private static readonly DateTimeOffset At = new(2026, 2, 12, 20, 59, 30, TimeSpan.Zero);

    private static TranscriptEntryParser.Result Parse(string line, out TranscriptTurn turn) =>
        TranscriptEntryParser.Parse(Encoding.UTF8.GetBytes(line), out turn);

    [Fact]
    public void Assistant_turn_yields_provider_model_usage_cost_and_entry_time()
    {
        var line = TranscriptLines.Assistant(At, "zhipu", "glm-4.7", input: 1200, output: 300, cacheRead: 50, cacheWrite: 7, cost: 0.0125, stopReason: "toolUse");

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal("zhipu/glm-4.7", turn.ModelId);
        Assert.Equal(At, turn.At);
        Assert.Equal((1200L, 300L, 50L, 7L, 1557L), (turn.Usage.Input, turn.Usage.Output, turn.Usage.CacheRead, turn.Usage.CacheWrite, turn.Usage.Tokens));
        Assert.Equal(0.0125, turn.Usage.Cost, 6);
        Assert.Equal((1L, 0L), (turn.Usage.Requests, turn.Usage.Errors));
        Assert.Null(turn.ErrorMessage);
    }

    [Fact]
    public void Missing_totalTokens_is_the_sum_of_the_parts()
    {
        var line = TranscriptLines.Assistant(At, "nvidia", "moonshotai/kimi-k2.5", input: 10, output: 20, cacheRead: 30, cacheWrite: 40, withTotal: false);

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal("nvidia/moonshotai/kimi-k2.5", turn.ModelId);
        Assert.Equal(100, turn.Usage.Tokens);
    }

    [Fact]
    public void Error_turn_counts_as_an_error_with_its_message_not_a_request()
    {
        var line = TranscriptLines.ErrorTurn(At, "google-antigravity", "gemini-3-flash", "Cloud Code Assist API error (429): You have exhausted your gemini-3-flash quota");

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal("google-antigravity/gemini-3-flash", turn.ModelId);
        Assert.Equal((0L, 1L, 0L), (turn.Usage.Requests, turn.Usage.Errors, turn.Usage.Tokens));
        Assert.Contains("exhausted your gemini-3-flash quota", turn.ErrorMessage, StringComparison.Ordinal);
    }

    public static TheoryData<string> IgnoredLines => new()
    {
        TranscriptLines.Session("5f0c8a1e-1111-4b5e-9a57-8f0e7f1d2c3b", At),
        TranscriptLines.User(At, "Please ask the assistant to list files"),
        TranscriptLines.ToolResult(At, "total 0\n-rw-r--r-- assistant notes"),
        TranscriptLines.ModelChange(At, "zhipu", "glm-4.7"),
        TranscriptLines.Custom(At),
        TranscriptLines.Compaction(At),
        "",
        "   ",
    };

    [Theory]
    [MemberData(nameof(IgnoredLines))]
    public void Other_entries_are_valid_but_not_usage(string line) =>
        Assert.Equal(TranscriptEntryParser.Result.Ignored, Parse(line, out _));

    public static TheoryData<string> MalformedLines => new()
    {
        "garbage",
        "\u0000\u0001binary",
        "[1,2,3]",
        """{"type":"message","message":{"role":"assistant","provider":"zhipu","model":"glm-4.7" """,
        """{"type":"message","message":{"role":"assistant","provider":"zhipu","model":"glm-4.7"}}} trailing}""",
        """{"type":"message","message":{"role":"assistant","provider":"zhipu","usage":{"input":1}},"timestamp":"2026-02-12T20:00:00Z"}""",
        """{"type":"message","message":{"role":"assistant","provider":"zhipu","model":"glm-4.7","usage":{"input":1}}}""",
    };

    [Theory]
    [MemberData(nameof(MalformedLines))]
    public void Broken_or_incomplete_lines_are_malformed(string line) =>
        Assert.Equal(TranscriptEntryParser.Result.Malformed, Parse(line, out _));

    [Fact]
    public void Entry_level_fields_and_usage_aliases_are_accepted()
    {
        const string line = """{"type":"message","timestamp":"2026-02-12T20:59:30Z","provider":"openai","model":"gpt-4o-mini","message":{"role":"assistant","usage":{"prompt_tokens":11,"completion_tokens":5,"total_tokens":16},"stopReason":"stop"}}""";

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal("openai/gpt-4o-mini", turn.ModelId);
        Assert.Equal((11L, 5L, 16L), (turn.Usage.Input, turn.Usage.Output, turn.Usage.Tokens));
    }

    [Fact]
    public void Message_timestamp_in_epoch_ms_is_used_when_the_entry_has_none()
    {
        var ms = At.ToUnixTimeMilliseconds();
        var line = $$$"""{"type":"message","message":{"role":"assistant","provider":"zhipu","model":"glm-4.7","usage":{"input":1,"output":1},"timestamp":{{{ms}}}}}""";

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal(At, turn.At);
    }

    [Fact]
    public void Windows_line_endings_are_tolerated() =>
        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(TranscriptLines.Assistant(At, "zhipu", "glm-4.7", 1, 1) + "\r", out _));
}
