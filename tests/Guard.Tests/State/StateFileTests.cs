using System.Text;
using System.Text.Json;
using Guard.Probing;
using System.Runtime.Versioning;
using Guard.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.State;

[SupportedOSPlatform("linux")] // file modes are part of what is tested
public sealed class StateFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 30, 45, 123, TimeSpan.Zero));
    private readonly RecordingLogger<StateStore> _logger = new();

    private string StatePath => _dir.File(StateFile.FileName);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SaveThenLoad_RoundTripsEveryField()
    {
        var original = SampleState.Full();

        StateFile.Save(StatePath, original);
        var loaded = StateFile.Load(StatePath, _time, _logger);

        Assert.Equal(Encoding.UTF8.GetString(StateFile.Serialize(original)), Encoding.UTF8.GetString(StateFile.Serialize(loaded)));
        var gemini = loaded.Models["google/gemini-3-flash-preview"];
        Assert.Equal(3, gemini.ConsecutiveFailures);
        Assert.Equal(FailureKind.QuotaExhausted, gemini.LastFailureKind);
        Assert.Equal(3, gemini.FailureCounts[FailureKind.QuotaExhausted]);
        Assert.Equal(SampleState.T0.AddHours(5), gemini.ResetAt);
        Assert.Equal(123.5, gemini.LastLatencyMs);
        Assert.Equal(42, loaded.Chain.Rounds);
        Assert.Equal([FailureKind.Forbidden, FailureKind.Timeout], loaded.Restarts[0].FailureKinds);
        Assert.True(loaded.Restarts[0].Verified);
        Assert.Contains(_logger.Entries, e => e.Id.Id == 1100);
    }

    [Fact]
    public void Serialize_UsesSeedNamesSnakeCaseAndEnumNames()
    {
        using var doc = JsonDocument.Parse(StateFile.Serialize(SampleState.Full()));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.True(root.TryGetProperty("last_check", out _));
        var model = root.GetProperty("models").GetProperty("google/gemini-3-flash-preview");
        Assert.Equal(3, model.GetProperty("consecutive_failures").GetInt32());
        Assert.Equal(JsonValueKind.String, model.GetProperty("last_available").ValueKind);
        Assert.StartsWith("You have exhausted", model.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Equal("Down", model.GetProperty("health").GetString());
        Assert.Equal("QuotaExhausted", model.GetProperty("last_failure_kind").GetString());
        Assert.Equal(3, model.GetProperty("failure_counts").GetProperty("QuotaExhausted").GetInt32());
        Assert.True(model.TryGetProperty("rate_limited_since", out _));
        Assert.Equal(["zhipu/glm-4.7"], root.GetProperty("chain").GetProperty("usable_models").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Forbidden", root.GetProperty("restarts")[0].GetProperty("failure_kinds")[0].GetString());
    }

    [Fact]
    public void Load_SeedScriptFile_KeepsItsFields()
    {
        // Exactly what api_health_monitor.py (v1) wrote: no schema_version, naive ISO times.
        File.WriteAllText(StatePath, """
            {"models": {"zhipu/glm-4.7": {"consecutive_failures": 2, "last_available": "2026-02-12T20:30:00.123456",
              "last_error": "timeout"}}, "last_check": "2026-02-12T21:00:00.5"}
            """);

        var state = StateFile.Load(StatePath, _time, _logger);

        Assert.Equal(GuardState.CurrentSchemaVersion, state.SchemaVersion);
        Assert.Equal(2, state.Models["zhipu/glm-4.7"].ConsecutiveFailures);
        Assert.Equal("timeout", state.Models["zhipu/glm-4.7"].LastError);
        Assert.NotNull(state.Models["zhipu/glm-4.7"].LastAvailable);
        Assert.NotNull(state.LastCheck);
        Assert.Empty(state.Models["zhipu/glm-4.7"].FailureCounts);
        Assert.NotNull(state.Chain.UsableModels);
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Load_UnknownPropertiesFromNewerBuild_AreIgnored()
    {
        File.WriteAllText(StatePath, """
            {"schema_version": 1, "future_top": {"x": [1, 2]},
             "models": {"a/b": {"consecutive_failures": 1, "future_field": "x", "failure_counts": {"Timeout": 2}}},
             "chain": {"rounds": 7, "future_chain": true},
             "restarts": [{"at": "2026-02-12T21:00:00Z", "reason": "r", "future_restart": 1}]}
            """);

        var state = StateFile.Load(StatePath, _time, _logger);

        Assert.Equal(1, state.Models["a/b"].ConsecutiveFailures);
        Assert.Equal(2, state.Models["a/b"].FailureCounts[FailureKind.Timeout]);
        Assert.Equal(7, state.Chain.Rounds);
        Assert.Single(state.Restarts);
        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData("{\"models\": {\"a\": {\"consecutive_failures\": ")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2,3]")]
    [InlineData("\u0000\u0001garbage")]
    public void Load_CorruptFile_IsQuarantinedByteIdenticalAndStartsFresh(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        File.WriteAllBytes(StatePath, bytes);

        var state = StateFile.Load(StatePath, _time, _logger);

        Assert.Empty(state.Models);
        Assert.Equal(0, state.Chain.Rounds);
        Assert.False(File.Exists(StatePath));
        var aside = _dir.File(StateFile.FileName + ".corrupt-20260301T123045123Z");
        Assert.Equal(bytes, File.ReadAllBytes(aside));
        var warning = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(1102, warning.Id.Id);
        Assert.Contains(aside, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NewerSchema_IsQuarantinedNotMisread()
    {
        File.WriteAllText(StatePath, "{\"schema_version\": 99, \"models\": {}}");

        var state = StateFile.Load(StatePath, _time, _logger);

        Assert.Equal(GuardState.CurrentSchemaVersion, state.SchemaVersion);
        Assert.False(File.Exists(StatePath));
        Assert.Single(Directory.GetFiles(_dir.Path, StateFile.FileName + ".corrupt-*"));
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("schema_version 99", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TwiceCorruptInSameMillisecond_KeepsBothPiecesOfEvidence()
    {
        File.WriteAllText(StatePath, "first{");
        StateFile.Load(StatePath, _time, _logger);
        File.WriteAllText(StatePath, "second{");
        StateFile.Load(StatePath, _time, _logger);

        var aside = Directory.GetFiles(_dir.Path, StateFile.FileName + ".corrupt-*").Select(File.ReadAllText).Order().ToList();
        Assert.Equal(["first{", "second{"], aside);
    }

    [Fact]
    public void Load_MissingFile_FreshStateAndNothingWritten()
    {
        var state = StateFile.Load(StatePath, _time, _logger);

        Assert.Empty(state.Models);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
        Assert.Contains(_logger.Entries, e => e.Id.Id == 1101);
    }

    [Fact]
    public void TryRead_CorruptFile_ReportsAndLeavesItAlone()
    {
        File.WriteAllText(StatePath, "{oops");

        var result = StateFile.TryRead(StatePath);

        Assert.Equal(StateReadStatus.Corrupt, result.Status);
        Assert.NotNull(result.Problem);
        Assert.Equal("{oops", File.ReadAllText(StatePath));
        Assert.Single(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Save_FileIsMode0600()
    {
        StateFile.Save(StatePath, SampleState.Full());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StatePath));
    }
}
