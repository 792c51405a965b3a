using System.Text;

namespace Guard.Tests.Quota.Transcripts;

/// <summary>
/// Writes a big transcript quickly: one realistic block of turns (user text, an assistant turn with thinking, text and
/// a tool call, a tool result of a few KB, every fourth block an error turn) repeated to the requested size. The
/// expected sums are known by construction. Shared with tests/Guard.Benchmarks.
/// </summary>
internal static class LargeTranscript
{
    public static readonly DateTimeOffset At = new(2026, 2, 12, 20, 0, 0, TimeSpan.Zero);

    public sealed record Totals(long Bytes, long Turns, long Errors, long Tokens, long Blocks);

    public static Totals Write(string path, long targetBytes)
    {
        var blocks = new[] { Block(withError: false), Block(withError: false), Block(withError: false), Block(withError: true) };
        var turnsPerBlock = 2L;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        var header = Encoding.UTF8.GetBytes(TranscriptLines.Session("9f1c7d2e-big", At) + "\n");
        stream.Write(header);
        long bytes = header.Length, count = 0, errors = 0;
        while (bytes < targetBytes)
        {
            var block = blocks[count % 4];
            stream.Write(block);
            bytes += block.Length;
            if (count % 4 == 3)
            {
                errors++;
            }

            count++;
        }

        return new Totals(bytes, count * turnsPerBlock + errors, errors, count * TokensPerBlock, count);
    }

    /// <summary>Tokens of the two assistant turns in each block (error turns use none).</summary>
    public const long TokensPerBlock = (1834 + 211 + 12000 + 0) + (2100 + 95 + 14000 + 64);

    private static byte[] Block(bool withError)
    {
        var text = new StringBuilder();
        text.Append(TranscriptLines.User(At, "Check the nginx logs for 502s since yesterday and summarise what you find.")).Append('\n');
        text.Append(TranscriptLines.Assistant(At, "zhipu", "glm-4.7", 1834, 211, cacheRead: 12000, cost: 0.0041, stopReason: "toolUse",
            text: "I'll look at the error log first. " + new string('a', 600))).Append('\n');
        text.Append(TranscriptLines.ToolResult(At, string.Concat(Enumerable.Repeat("2026/02/12 19:58:01 [error] 1234#0: *5678 upstream prematurely closed connection while reading response header from upstream\n", 24)))).Append('\n');
        text.Append(TranscriptLines.Assistant(At, "zhipu", "glm-4.7", 2100, 95, cacheRead: 14000, cacheWrite: 64, cost: 0.0039,
            text: "There were 24 upstream resets between 19:58 and 20:00; the backend restarted. " + new string('b', 400))).Append('\n');
        if (withError)
        {
            text.Append(TranscriptLines.ErrorTurn(At, "google-antigravity", "gemini-3-flash", "Cloud Code Assist API error (429): You have exhausted your gemini-3-flash quota")).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
