using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Guard.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.State;

/// <summary>A state file that is JSON but has null or wrong-shaped sections: repaired section by section, never thrown on.</summary>
[SupportedOSPlatform("linux")]
public sealed class StateRepairTests : IDisposable
{
    private const int RepairedEvent = 8490;
    private const string OneRestart = """{"at": "2026-03-01T12:00:00Z", "outcome": "restarted", "trigger": "ChainDark", "budget_slot": 1}""";

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 30, 45, TimeSpan.Zero));
    private readonly RecordingLogger<StateStore> _logger = new();

    private string StatePath => _dir.File(StateFile.FileName);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Null_recovery_is_reset_with_a_warning_and_the_rest_kept()
    {
        File.WriteAllText(StatePath, $$"""{"schema_version": 1, "recovery": null, "restarts": [{{OneRestart}}], "chain": {"rounds": 9} }""");

        var state = StateFile.Load(StatePath, _time, _logger);

        Assert.False(state.Recovery.ManualInterventionNeeded);
        Assert.Equal(9, state.Chain.Rounds);
        Assert.Equal(1, Assert.Single(state.Restarts).BudgetSlot);
        var warning = Assert.Single(_logger.Entries, e => e.Id.Id == RepairedEvent);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("\"recovery\" is null", warning.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(StatePath)); // repaired in place, not quarantined
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.corrupt-*"));
    }

    [Fact]
    public void All_sections_null_become_defaults_a_round_can_use_and_no_null_is_written_back()
    {
        File.WriteAllText(StatePath, """
            {"schema_version": 1, "last_check": null, "models": null, "chain": null, "restarts": null,
             "recovery": null, "gateway": null, "quota": null, "reorder": null}
            """);

        var state = StateFile.Load(StatePath, _time, _logger);
        var store = new StateStore(state, StatePath);
        store.Update(s =>
        {
            // What a round touches; any null here was a NullReferenceException per round.
            s.Recovery.ManualInterventionNeeded = s.Chain.IsDark;
            s.Gateway.ConsecutiveHealthFailures++;
            s.Quota.Usage.Clear();
            s.Reorder.Why = null;
            s.Models["a/b"] = new ModelState();
            s.Restarts.Add(new RestartRecord());
        });
        StateFile.Save(StatePath, store.Snapshot());

        var repaired = _logger.Entries.Where(e => e.Id.Id == RepairedEvent).Select(e => e.Message).ToList();
        foreach (var section in new[] { "models", "chain", "restarts", "recovery", "gateway", "quota", "reorder" })
        {
            Assert.Contains(repaired, m => m.Contains($"\"{section}\" is null", StringComparison.Ordinal));
        }

        using var written = JsonDocument.Parse(File.ReadAllBytes(StatePath));
        foreach (var section in new[] { "models", "chain", "restarts", "recovery", "gateway", "quota", "reorder" })
        {
            var expected = section == "restarts" ? JsonValueKind.Array : JsonValueKind.Object;
            Assert.Equal(expected, written.RootElement.GetProperty(section).ValueKind);
        }
    }

    [Fact]
    public void Wrong_shaped_sections_are_dropped_one_by_one_and_named()
    {
        File.WriteAllText(StatePath, $$"""
            {"schema_version": "one", "recovery": 5, "chain": [1, 2], "gateway": "up",
             "models": {"good/model": {"consecutive_failures": 4}, "bad/model": {"health": "Exploded"}, "worse/model": "x"},
             "restarts": [{{OneRestart}}, "not a record", {"at": "yesterday"}]}
            """);

        var state = StateFile.Load(StatePath, _time, _logger);

        Assert.Equal(GuardState.CurrentSchemaVersion, state.SchemaVersion);
        Assert.NotNull(state.Recovery);
        Assert.Equal(0, state.Chain.Rounds);
        Assert.NotNull(state.Gateway);
        Assert.Equal(4, Assert.Single(state.Models).Value.ConsecutiveFailures);
        Assert.Equal("ChainDark", Assert.Single(state.Restarts).Trigger); // the budget keeps its good record
        var repaired = _logger.Entries.Where(e => e.Id.Id == RepairedEvent).Select(e => e.Message).ToList();
        Assert.Contains(repaired, m => m.Contains("\"recovery\" has the wrong shape (a number)", StringComparison.Ordinal));
        Assert.Contains(repaired, m => m.Contains("\"chain\" has the wrong shape (an array)", StringComparison.Ordinal));
        Assert.Contains(repaired, m => m.Contains("\"gateway\" has the wrong shape (a string)", StringComparison.Ordinal));
        Assert.Contains(repaired, m => m.Contains("\"schema_version\" has the wrong shape", StringComparison.Ordinal));
        Assert.Contains(repaired, m => m.Contains("\"bad/model\"", StringComparison.Ordinal));
        Assert.Contains(repaired, m => m.Contains("\"worse/model\"", StringComparison.Ordinal));
        Assert.Equal(2, repaired.Count(m => m.Contains("\"restarts\" record", StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.corrupt-*"));
    }

    [Fact]
    public void TryRead_reports_repairs_without_touching_the_file()
    {
        var content = """{"recovery": null, "quota": []}""";
        File.WriteAllText(StatePath, content);

        var result = StateFile.TryRead(StatePath);

        Assert.Equal(StateReadStatus.Ok, result.Status);
        Assert.Equal(2, result.Repairs.Count);
        Assert.Equal(content, File.ReadAllText(StatePath));
    }

    [Fact]
    public void A_clean_file_reports_no_repairs()
    {
        StateFile.Save(StatePath, SampleState.Full());

        Assert.Empty(StateFile.TryRead(StatePath).Repairs);
        Assert.Equal(
            Encoding.UTF8.GetString(StateFile.Serialize(SampleState.Full())),
            Encoding.UTF8.GetString(StateFile.Serialize(StateFile.TryRead(StatePath).State!)));
    }
}
