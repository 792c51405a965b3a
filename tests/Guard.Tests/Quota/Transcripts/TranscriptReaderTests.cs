using Guard.Quota.Transcripts;

namespace Guard.Tests.Quota.Transcripts;

public sealed class TranscriptReaderTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 12, 20, 0, 0, TimeSpan.Zero);

    private readonly OpenClawHome _home = new();
    private readonly TranscriptReader _reader = new(bufferSize: 256);

    public void Dispose() => _home.Dispose();

    private TranscriptScan Scan() => _reader.Scan(_home.AgentsDirectory, T0);

    private static long Tokens(TranscriptScan scan, string model = "zhipu/glm-4.7") =>
        scan.Usage.Where(p => p.Key.ModelId == model).Sum(p => p.Value.Tokens);

    private string NewSession(string id, string agent = "main")
    {
        var path = _home.Transcript(id, agent);
        OpenClawHome.Append(path, TranscriptLines.Session(id, T0), TranscriptLines.User(T0, "hi"));
        return path;
    }

    [Fact]
    public void Reads_only_new_lines_across_appends()
    {
        var path = NewSession("s1");
        OpenClawHome.Append(path, TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 100, 50));

        Assert.Equal(150, Tokens(Scan()));

        OpenClawHome.Append(path, TranscriptLines.ToolResult(T0, "ok"), TranscriptLines.Assistant(T0.AddMinutes(1), "zhipu", "glm-4.7", 10, 5));
        var second = Scan();
        Assert.Equal(15, Tokens(second));
        Assert.Equal(1, second.Turns);

        var third = Scan();
        Assert.Equal(0, third.Turns);
        Assert.Equal(0, third.FilesRead);
    }

    [Fact]
    public void Partial_last_line_waits_for_its_newline()
    {
        var path = NewSession("s1");
        var line = TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 700, 300);
        OpenClawHome.AppendRaw(path, line[..40]);

        var first = Scan();
        Assert.Equal((0L, 0L), (first.Turns, first.MalformedLines));

        OpenClawHome.AppendRaw(path, line[40..] + "\n");
        var second = Scan();
        Assert.Equal(1000, Tokens(second));
        Assert.Equal(0, second.MalformedLines);
    }

    [Fact]
    public void Garbage_lines_are_counted_and_skipped()
    {
        var path = NewSession("s1");
        OpenClawHome.Append(path, "garbage", "{\"truncated\":", TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 1, 2), "]]]");

        var scan = Scan();
        Assert.Equal(3, scan.MalformedLines);
        Assert.Equal(3, Tokens(scan));
    }

    [Fact]
    public void Lines_longer_than_the_buffer_are_read_whole()
    {
        var path = NewSession("s1");
        OpenClawHome.Append(path, TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 40, 2, text: new string('x', 10_000)));

        Assert.Equal(42, Tokens(Scan()));
    }

    [Fact]
    public void Rename_to_a_reset_archive_is_not_counted_twice()
    {
        var path = NewSession("s1");
        OpenClawHome.Append(path, TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 100, 0));
        Assert.Equal(100, Tokens(Scan()));

        // OpenClaw's /new: the live file becomes an archive, with a turn that arrived after our last read.
        OpenClawHome.Append(path, TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 7, 0));
        File.Move(path, path + ".reset.2026-02-12T20-30-00.000Z");
        var fresh = NewSession("s2");
        OpenClawHome.Append(fresh, TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 20, 0));

        Assert.Equal(27, Tokens(Scan()));
        Assert.Equal(0, Tokens(Scan()));
    }

    [Fact]
    public void Deleted_archives_and_other_agents_count_and_unrelated_files_do_not()
    {
        var deleted = _home.Transcript("old") + ".deleted.2026-02-11T10-00-00.000Z";
        OpenClawHome.Append(deleted, TranscriptLines.Session("old", T0), TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 5, 0));
        var other = NewSession("s9", agent: "work");
        OpenClawHome.Append(other, TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 6, 0));
        File.WriteAllText(Path.Combine(_home.Sessions(), "sessions.json"), """{"main":{"sessionId":"s1","inputTokens":999}}""");
        OpenClawHome.Append(Path.Combine(_home.Sessions(), "notes.jsonl.tmp"), TranscriptLines.Session("tmp", T0), TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 1000, 0));

        var scan = Scan();
        Assert.Equal(11, Tokens(scan));
        Assert.Equal(2, scan.FilesSeen);
    }

    [Fact]
    public void A_copy_of_a_transcript_is_not_counted_twice()
    {
        var path = NewSession("s1");
        OpenClawHome.Append(path, TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 100, 0));
        File.Copy(path, path + ".reset.2026-02-12T21-00-00.000Z");

        Assert.Equal(100, Tokens(Scan()));
    }

    [Fact]
    public void Truncation_resumes_at_the_new_end_without_recounting()
    {
        var path = NewSession("s1");
        OpenClawHome.Append(path, TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 100, 0), TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 200, 0));
        Assert.Equal(300, Tokens(Scan()));

        // Rewritten in place, shorter, same session header.
        var lines = File.ReadAllLines(path);
        File.WriteAllText(path, lines[0] + "\n");
        var truncated = Scan();
        Assert.Equal((1, 0L), (truncated.Truncated, Tokens(truncated)));

        OpenClawHome.Append(path, TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 9, 0));
        Assert.Equal(9, Tokens(Scan()));
    }

    [Fact]
    public void Rotation_to_a_new_session_at_the_same_path_reads_it_from_the_start()
    {
        var path = NewSession("s1");
        OpenClawHome.Append(path, TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 100, 0), TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 100, 0));
        Assert.Equal(200, Tokens(Scan()));

        File.Delete(path);
        OpenClawHome.Append(path, TranscriptLines.Session("s1-new", T0.AddHours(1)), TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 3, 0));

        Assert.Equal(3, Tokens(Scan()));
    }

    [Fact]
    public void Cursors_survive_a_restart()
    {
        var path = NewSession("s1");
        OpenClawHome.Append(path, TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 100, 0));
        Scan();
        var persisted = _reader.Cursors.ToDictionary(p => p.Key, p => p.Value);

        OpenClawHome.Append(path, TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 1, 0));
        var restarted = new TranscriptReader();
        restarted.Load(persisted);

        Assert.Equal(1, Tokens(restarted.Scan(_home.AgentsDirectory, T0)));
    }

    [Fact]
    public void A_file_without_a_complete_first_line_waits()
    {
        var path = _home.Transcript("s1");
        OpenClawHome.AppendRaw(path, "{\"type\":\"session\",\"id\":\"s1\"");
        Assert.Equal(0, Scan().FilesRead);

        OpenClawHome.AppendRaw(path, "}\n" + TranscriptLines.Assistant(T0, "zhipu", "glm-4.7", 4, 0) + "\n");
        Assert.Equal(4, Tokens(Scan()));
    }

    [Fact]
    public void Missing_agents_directory_is_an_empty_scan() =>
        Assert.Equal(0, new TranscriptReader().Scan(Path.Combine(_home.Root, "nope"), T0).FilesSeen);
}
