using Guard.Quota.Transcripts;

namespace Guard.Tests.Quota.Transcripts;

/// <summary>A multi-hundred-MB transcript, generated in the test's temp directory: sums must be exact, appends read alone.</summary>
public sealed class LargeTranscriptTests : IDisposable
{
    private const long Size = 300L * 1024 * 1024;

    private readonly OpenClawHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Reads_a_300_MB_transcript_exactly_and_then_only_what_is_appended()
    {
        var path = _home.Transcript("9f1c7d2e-big");
        var totals = LargeTranscript.Write(path, Size);
        var reader = new TranscriptReader();

        var scan = reader.Scan(_home.AgentsDirectory, LargeTranscript.At);

        Assert.True(totals.Bytes >= Size);
        Assert.Equal(totals.Turns, scan.Turns);
        Assert.Equal(0, scan.MalformedLines);
        Assert.Equal(totals.Tokens, scan.Usage.Where(p => p.Key.ModelId == "zhipu/glm-4.7").Sum(p => p.Value.Tokens));
        Assert.Equal(totals.Errors, scan.Usage.Where(p => p.Key.ModelId == "google-antigravity/gemini-3-flash").Sum(p => p.Value.Errors));
        Assert.Equal(totals.Blocks * 2, scan.Usage.Sum(p => p.Value.Requests));

        var line = TranscriptLines.Assistant(LargeTranscript.At, "zhipu", "glm-4.7", 5, 5) + "\n";
        OpenClawHome.AppendRaw(path, line);
        var append = reader.Scan(_home.AgentsDirectory, LargeTranscript.At);

        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(line), append.BytesRead);
        Assert.Equal(10, append.Usage.Values.Sum(u => u.Tokens));
    }
}
