using Guard.Quota.Transcripts;

namespace Guard.Tests.Quota.Transcripts;

/// <summary>Today's store, read from real SQLite files: identity and zstd rows, cursors, broken rows, deletion archives.</summary>
public sealed class SqliteTranscriptReaderTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 9, 12, 20, 0, 0, TimeSpan.Zero);

    private readonly OpenClawHome _home = new();
    private readonly AgentStore _store;
    private readonly OpenClawTranscripts _reader = new();

    public SqliteTranscriptReaderTests()
    {
        _store = new AgentStore(_home.AgentsDirectory);
    }

    public void Dispose()
    {
        _store.Dispose();
        _home.Dispose();
    }

    private TranscriptScan Scan() => _reader.Scan(_home.AgentsDirectory, T0, DateTimeOffset.MinValue);

    private static long Tokens(TranscriptScan scan, string model = "p1/m1") => scan.Usage.Where(p => p.Key.ModelId == model).Sum(p => p.Value.Tokens);

    private static string Turn(long input, long output, string provider = "p1", string model = "m1", int textBytes = 10) =>
        TranscriptLines.Assistant(T0, provider, model, input, output, text: new string('t', textBytes));

    [Fact]
    public void Identity_and_zstd_rows_count_and_only_new_rows_are_read_next()
    {
        _store.Append("s1", compress: false, TranscriptLines.Session("s1", T0), TranscriptLines.User(T0, "hi"), Turn(100, 20));
        _store.Append("s1", compress: true, Turn(1000, 200, textBytes: 4000));
        _store.Append("s2", compress: true, Turn(7, 3, provider: "p2", model: "m2", textBytes: 2000));

        var first = Scan();
        Assert.Equal((1320L, 10L), (Tokens(first), Tokens(first, "p2/m2")));
        Assert.Equal((3L, 0L, 5L), (first.Turns, first.MalformedLines, first.RowsRead));

        _store.Append("s1", compress: true, Turn(5, 5, textBytes: 3000));
        var second = Scan();
        Assert.Equal((10L, 1L, 1L), (Tokens(second), second.Turns, second.RowsRead));

        var idle = Scan();
        Assert.Equal((0, 0L, 1), (idle.StoresRead, idle.Turns, idle.StoresSeen));
    }

    [Fact]
    public void Broken_rows_are_skipped_and_counted_and_the_rest_still_count()
    {
        _store.Append("s1", compress: false, Turn(1, 1));
        _store.Insert("s1", """{"type":"message","message":{"role":"assistant","provider":"p1","model":"m1","usage":{"input":5""", null, null);
        _store.Insert("s1", "not json at all", null, null);
        _store.Insert("s1", null, [0x28, 0xB5, 0x2F, 0xFD, 0x01, 0x02, 0x03], 100);
        _store.Insert("s1", null, null, null);
        _store.Append("s1", compress: true, Turn(2, 2, textBytes: 2000));

        var scan = Scan();

        Assert.Equal((6L, 4L), (Tokens(scan), scan.MalformedLines));
        Assert.Equal(0, Scan().MalformedLines);
    }

    [Fact]
    public void Cursors_survive_a_restart()
    {
        _store.Append("s1", compress: false, Turn(100, 0));
        Scan();
        var persisted = _reader.Stores.Cursors.ToDictionary(p => p.Key, p => p.Value);
        _store.Append("s1", compress: true, Turn(1, 0, textBytes: 2000));

        var restarted = new OpenClawTranscripts();
        restarted.Stores.Load(persisted);

        Assert.Equal(1, Tokens(restarted.Scan(_home.AgentsDirectory, T0, DateTimeOffset.MinValue)));
    }

    [Fact]
    public void A_deletion_archive_adds_only_the_turns_the_rows_did_not_give()
    {
        var header = TranscriptLines.Session("s1", T0);
        _store.Append("s1", compress: false, header, Turn(100, 0), Turn(200, 0));
        Assert.Equal(300, Tokens(Scan()));

        // One more turn lands, then OpenClaw deletes the session into a .zst archive before Guard's next pass.
        var late = Turn(7, 0);
        _store.Delete("s1");
        AgentStore.WriteArchive(_home.AgentsDirectory, "s1", string.Join('\n', header, Turn(100, 0), Turn(200, 0), late) + "\n");

        var scan = Scan();
        Assert.Equal((7L, 2L), (Tokens(scan), scan.ArchivedTurnsSkipped));
        Assert.Equal(0, Tokens(Scan()));

        // Read by a fresh reader (no rows left), the archive is the whole session.
        Assert.Equal(307, Tokens(OpenClawTranscripts.ReadAll(_home.AgentsDirectory, T0)));
    }

    [Fact]
    public void A_cut_archive_counts_what_decodes_and_a_cut_last_line_is_malformed()
    {
        var lines = string.Join('\n', TranscriptLines.Session("s9", T0), Turn(40, 2));
        AgentStore.WriteArchive(_home.AgentsDirectory, "s9", lines + "\n" + Turn(1, 1)[..60]);

        var scan = Scan();
        Assert.Equal((42L, 1L), (Tokens(scan), scan.MalformedLines));

        var broken = Path.Combine(_home.AgentsDirectory, "work", "sessions");
        AgentStore.WriteArchive(_home.AgentsDirectory, "s8", lines + "\n", agent: "work", cutBytes: 12);
        var cut = Scan();
        Assert.Equal(1, cut.CorruptArchives);
        Assert.True(cut.MalformedLines >= 1, "a cut frame is counted, never dropped silently");
        Assert.True(Directory.Exists(broken));
    }

    [Fact]
    public void A_failed_last_candidate_is_a_failed_turn_with_its_error_text()
    {
        _store.Append("s1", compress: false, TranscriptLines.ErrorTurn(T0, "p4", "m4", "429 status code (no body)"));
        _store.Append("s1", compress: true, TranscriptLines.Assistant(T0.AddSeconds(5), "p3", "m3", 10, 5, stopReason: "aborted", text: new string('x', 2000))
            .Replace("\"stopReason\":\"aborted\"", "\"stopReason\":\"aborted\",\"errorMessage\":\"LLM idle timeout (10s): no response from model\"", StringComparison.Ordinal));

        var scan = Scan();

        Assert.Equal("429 status code (no body)", scan.Evidence["p4/m4"].LastFailedMessage);
        Assert.StartsWith("LLM idle timeout", scan.Evidence["p3/m3"].LastFailedMessage, StringComparison.Ordinal);
        Assert.Equal(Guard.Probing.FailureKind.Timeout, TurnFailureClassifier.Classify(scan.Evidence["p3/m3"].LastFailedMessage).Kind);
        Assert.Equal(2L, scan.Usage.Values.Sum(u => u.Errors));
    }
}
