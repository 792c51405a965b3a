using System.Text;
using Guard.Quota.Transcripts;

namespace Guard.Tests.Quota.Transcripts;

/// <summary>
/// Entries in OpenClaw's own shape and in others read the message's own fields: decoys inside the content, other field
/// orders, escapes and broken tails.
/// </summary>
public sealed class TranscriptEntryShapeTests
{
    private static readonly string Head = J("{'type':'message','id':'a1','parentId':'p0','timestamp':'2026-02-12T20:59:30.000Z','message':{'role':'assistant',");
    private static readonly string Usage = J("'usage':{'input':7,'output':3,'cacheRead':0,'cacheWrite':0,'totalTokens':10,'cost':{'input':0,'output':0,'cacheRead':0,'cacheWrite':0,'total':0.25}}");
    private static readonly DateTimeOffset At = new(2026, 2, 12, 20, 59, 30, TimeSpan.Zero);

    /// <summary>JSON written with ' for " (none of these lines needs a literal ').</summary>
    private static string J(string json) => json.Replace('\'', '"');

    private static TranscriptEntryParser.Result Parse(string line, out TranscriptTurn turn) =>
        TranscriptEntryParser.Parse(Encoding.UTF8.GetBytes(line), new ModelIdCache(), out turn);

    [Fact]
    public void Provider_model_and_usage_inside_tool_arguments_are_not_the_message_s()
    {
        var line = Head + J("'content':[{'type':'toolCall','id':'c','name':'cfg','arguments':{'provider':'evil','model':'decoy','usage':{'input':999999},'stopReason':'error'}}],'api':'openai-completions','provider':'zhipu','model':'glm-4.7',") + Usage + J(",'stopReason':'stop','timestamp':1770929970000}}");

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal(("zhipu/glm-4.7", 10L, 1L, 0L), (turn.ModelId, turn.Usage.Tokens, turn.Usage.Requests, turn.Usage.Errors));
        Assert.Equal(0.25, turn.Usage.Cost, 6);
        Assert.Equal(At, turn.At);
    }

    [Fact]
    public void Usage_before_the_content_and_a_decoy_usage_after_it_read_the_message_s_own()
    {
        // The last "usage" of the line is inside the content here: the fast path must not take it.
        var line = Head + Usage + J(",'provider':'zhipu','model':'glm-4.7','content':[{'type':'toolCall','arguments':{'a':1,'usage':{'input':999999}}}],'stopReason':'stop'}}");

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal(("zhipu/glm-4.7", 10L), (turn.ModelId, turn.Usage.Tokens));
    }

    [Fact]
    public void Stop_reason_before_the_content_still_marks_the_turn_failed()
    {
        var line = Head + J("'stopReason':'error','errorMessage':'429 quota','content':[],'provider':'zhipu','model':'glm-4.7',") + Usage + J("}}");

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal((0L, 1L, "429 quota"), (turn.Usage.Requests, turn.Usage.Errors, turn.ErrorMessage));
    }

    [Fact]
    public void Escaped_strings_in_the_tail_are_decoded()
    {
        var line = Head + J("'content':[],'api':'x','provider':'zhi\\'pu','model':'glm-4.7',") + Usage + J(",'stopReason':'error','errorMessage':'said \\'no\\' \\\\ twice','timestamp':1770929970000}}");

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal("zhi\"pu/glm-4.7", turn.ModelId);
        Assert.Equal("said \"no\" \\ twice", turn.ErrorMessage);
    }

    [Theory]
    [InlineData("'api':'x','provider':'zhipu','model':'glm-4.7',")] // OpenClaw's own order: matched literally
    [InlineData("'model':'glm-4.7','api':'x','provider':'zhipu',")]
    [InlineData("'api':'x','provider':'zhipu','model':'glm-4.7','responseId':'r1',")]
    [InlineData("'xapi':'x','provider':'zhipu','model':'glm-4.7',")]
    [InlineData("'provider':'zhipu','model':'glm-4.7',")]
    [InlineData("'api':'x','provider':'zhipu','model':'glm-4.7','model':'glm-4.7',")]
    public void Names_before_the_usage_in_any_order_or_company_read_the_same_turn(string names)
    {
        var line = Head + J("'content':[{'type':'text','text':'ok'}],") + J(names) + Usage + J(",'stopReason':'stop','timestamp':1770929970000}}");

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal(("zhipu/glm-4.7", 10L, At), (turn.ModelId, turn.Usage.Tokens, turn.At));
    }

    [Fact]
    public void Usage_in_another_key_order_or_with_aliases_is_read_field_by_field()
    {
        var line = Head + J("'content':[],'provider':'zhipu','model':'glm-4.7','usage':{'output':3,'prompt_tokens':7,'cost':0.5},'stopReason':'stop'}}");

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal((7L, 3L, 10L), (turn.Usage.Input, turn.Usage.Output, turn.Usage.Tokens));
        Assert.Equal(0.5, turn.Usage.Cost, 6);
    }

    [Fact]
    public void A_user_line_mentioning_assistant_is_ignored()
    {
        var user = J("{'type':'message','id':'u','parentId':null,'timestamp':'2026-02-12T20:59:30.000Z','message':{'role':'user','content':[{'type':'text','text':'the assistant'}]}}");

        Assert.Equal(TranscriptEntryParser.Result.Ignored, Parse(user, out _));
    }

    [Fact]
    public void An_escaped_decoy_message_key_inside_the_id_does_not_move_the_head()
    {
        // The head is read literally as strings: the decoy's quotes are escaped, so the role is still the message's.
        var line = J("{'type':'message','id':'a\\',\\'message\\':{\\'role\\':\\'user\\'','parentId':null,'timestamp':'2026-02-12T20:59:30.000Z','message':{'role':'assistant',")
            + J("'content':[],'api':'x','provider':'zhipu','model':'glm-4.7',") + Usage + J(",'stopReason':'stop','timestamp':1770929970000}}");

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal(("zhipu/glm-4.7", 10L, At), (turn.ModelId, turn.Usage.Tokens, turn.At));
    }

    [Theory]
    [InlineData("'yesterday'", 1770929971000L)]
    [InlineData("'2026-02-12T20:59:30.000\\u005a'", 1770929970000L)]
    [InlineData("1770929972000", 1770929972000L)]
    public void The_entry_timestamp_is_read_as_the_full_walk_reads_it(string entryTimestamp, long expectedMs)
    {
        // Unparseable: the message's own time counts; escaped: decoded; a number: epoch milliseconds.
        var line = J("{'type':'message','id':'a1','parentId':'p0','timestamp':" + entryTimestamp + ",'message':{'role':'assistant',")
            + J("'content':[],'api':'x','provider':'zhipu','model':'glm-4.7',") + Usage + J(",'stopReason':'stop','timestamp':1770929971000}}");

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMs), turn.At);
    }

    [Fact]
    public void A_non_number_in_the_unused_cost_parts_falls_back_and_still_reads_the_total()
    {
        var usage = J("'usage':{'input':7,'output':3,'cacheRead':0,'cacheWrite':0,'totalTokens':10,'cost':{'input':'n/a','output':0,'cacheRead':0,'cacheWrite':0,'total':0.25}}");
        var line = Head + J("'content':[],'api':'x','provider':'zhipu','model':'glm-4.7',") + usage + J(",'stopReason':'stop','timestamp':1770929970000}}");

        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var turn));
        Assert.Equal((10L, 0.25), (turn.Usage.Tokens, turn.Usage.Cost));
    }

    [Theory]
    [InlineData("'content':[],'provider':'zhipu','model':'glm-4.7','usage':{'input':7,'output':3}}},'x':1}")]
    [InlineData("'content':[],'provider':'zhipu','model':'glm-4.7','usage':{'input':7,'output':3}}} trailing")]
    [InlineData("'content':[],'provider':'zhipu','usage':{'input':7,'output':3}}}")]
    [InlineData("'content':[],'provider':'zhipu','model':'glm-4.7','usage':{'input':7,'output':3}}")]
    public void Broken_tails_are_malformed(string rest) =>
        Assert.Equal(TranscriptEntryParser.Result.Malformed, Parse(Head + J(rest), out _));

    [Fact]
    public void Timestamps_parse_exactly_across_leap_days_and_centuries()
    {
        foreach (var at in new[] { new DateTimeOffset(2024, 2, 29, 23, 59, 59, 999, TimeSpan.Zero), new DateTimeOffset(2000, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(1900, 2, 28, 12, 0, 0, 1, TimeSpan.Zero), new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero) })
        {
            Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(TranscriptLines.Assistant(at, "zhipu", "glm-4.7", 1, 1), out var turn));
            Assert.Equal(at, turn.At);
        }

        // An impossible date is no time: the message's epoch-ms timestamp counts instead.
        var line = TranscriptLines.Assistant(At, "zhipu", "glm-4.7", 1, 1).Replace(TranscriptLines.Iso(At), "2026-02-30T00:00:00.000Z", StringComparison.Ordinal);
        Assert.Equal(TranscriptEntryParser.Result.Turn, Parse(line, out var fallback));
        Assert.Equal(At, fallback.At);
    }
}
