using System.Globalization;
using System.Text.Json;

namespace Guard.Tests.Quota;

/// <summary>
/// Transcript lines in OpenClaw's real shapes (pi-coding-agent SessionManager, JSONL era): a session header, message
/// entries for user / assistant / toolResult, custom and compaction entries. Assistant usage is
/// <c>{input, output, cacheRead, cacheWrite, totalTokens, cost{…, total}}</c>; failed turns carry
/// <c>stopReason:"error"</c> and <c>errorMessage</c> with zero usage.
/// </summary>
internal static class TranscriptLines
{
    private static int _ids;

    public static string Session(string sessionId, DateTimeOffset at) =>
        $$$"""{"type":"session","version":3,"id":"{{{sessionId}}}","timestamp":"{{{Iso(at)}}}","cwd":"/home/ubuntu/.openclaw/workspace"}""";

    public static string User(DateTimeOffset at, string text) =>
        $$$"""{"type":"message","id":"{{{Id()}}}","parentId":null,"timestamp":"{{{Iso(at)}}}","message":{"role":"user","content":[{"type":"text","text":{{{Quote(text)}}}}],"timestamp":{{{at.ToUnixTimeMilliseconds()}}}}}""";

    public static string Assistant(
        DateTimeOffset at, string provider, string model, long input, long output, long cacheRead = 0, long cacheWrite = 0, double cost = 0,
        string stopReason = "stop", string text = "OK", bool withTotal = true)
    {
        var total = withTotal ? $",\"totalTokens\":{input + output + cacheRead + cacheWrite}" : "";
        var c = cost.ToString("0.######", CultureInfo.InvariantCulture);
        return $$$"""{"type":"message","id":"{{{Id()}}}","parentId":"p{{{_ids}}}","timestamp":"{{{Iso(at)}}}","message":{"role":"assistant","content":[{"type":"thinking","thinking":"The user wants a short answer.","thinkingSignature":"sig"},{"type":"text","text":{{{Quote(text)}}}},{"type":"toolCall","id":"call_{{{_ids}}}","name":"exec","arguments":{"command":"ls -la","model":"decoy"}}],"api":"openai-completions","provider":"{{{provider}}}","model":"{{{model}}}","usage":{"input":{{{input}}},"output":{{{output}}},"cacheRead":{{{cacheRead}}},"cacheWrite":{{{cacheWrite}}}{{{total}}},"cost":{"input":0,"output":0,"cacheRead":0,"cacheWrite":0,"total":{{{c}}}}},"stopReason":"{{{stopReason}}}","timestamp":{{{at.ToUnixTimeMilliseconds()}}}}}""";
    }

    public static string ErrorTurn(DateTimeOffset at, string provider, string model, string error) =>
        $$$"""{"type":"message","id":"{{{Id()}}}","parentId":"p{{{_ids}}}","timestamp":"{{{Iso(at)}}}","message":{"role":"assistant","content":[],"api":"google-generative-ai","provider":"{{{provider}}}","model":"{{{model}}}","usage":{"input":0,"output":0,"cacheRead":0,"cacheWrite":0,"totalTokens":0,"cost":{"input":0,"output":0,"cacheRead":0,"cacheWrite":0,"total":0}},"stopReason":"error","errorMessage":{{{Quote(error)}}},"timestamp":{{{at.ToUnixTimeMilliseconds()}}}}}""";

    public static string ToolResult(DateTimeOffset at, string output) =>
        $$$"""{"type":"message","id":"{{{Id()}}}","parentId":"p{{{_ids}}}","timestamp":"{{{Iso(at)}}}","message":{"role":"toolResult","toolCallId":"call_{{{_ids}}}","toolName":"exec","content":[{"type":"text","text":{{{Quote(output)}}}}],"isError":false,"timestamp":{{{at.ToUnixTimeMilliseconds()}}}}}""";

    public static string ModelChange(DateTimeOffset at, string provider, string model) =>
        $$$"""{"type":"model_change","id":"{{{Id()}}}","parentId":null,"timestamp":"{{{Iso(at)}}}","provider":"{{{provider}}}","modelId":"{{{model}}}"}""";

    public static string Custom(DateTimeOffset at) =>
        $$$"""{"type":"custom","customType":"openclaw:usage-snapshot","data":{"role":"assistant","usage":{"input":999999}},"id":"{{{Id()}}}","parentId":null,"timestamp":"{{{Iso(at)}}}"}""";

    public static string Compaction(DateTimeOffset at) =>
        $$$"""{"type":"compaction","id":"{{{Id()}}}","parentId":"p{{{_ids}}}","timestamp":"{{{Iso(at)}}}","summary":"Earlier the assistant listed files.","firstKeptEntryId":"x","tokensBefore":48213}""";

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static string Id() => Interlocked.Increment(ref _ids).ToString("x8", CultureInfo.InvariantCulture);
}
