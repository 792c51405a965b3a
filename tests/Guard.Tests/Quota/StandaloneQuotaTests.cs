using System.Text.Json;
using Guard.Cli;
using Guard.Configuration;
using Guard.Logging;
using Guard.Quota;
using Guard.Quota.Alerts;
using Guard.State;
using Guard.Tests.Quota.Transcripts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.Quota;

/// <summary>
/// <c>guard quota</c> stands alone: with no state written by <c>guard run</c> it sums OpenClaw's own stores and says so,
/// and the figures equal what the quota check of <c>guard run</c> then stores. Turns in today's store are evidence too.
/// </summary>
public sealed class StandaloneQuotaTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 9, 12, 9, 0, 0, TimeSpan.Zero);

    private readonly OpenClawHome _home = new();
    private readonly AgentStore _agent;
    private readonly FakeTimeProvider _time = new(Start);
    private readonly GuardOptions _options;

    public StandaloneQuotaTests()
    {
        _agent = new AgentStore(_home.AgentsDirectory);
        Directory.CreateDirectory(_home.DataDirectory);
        _options = new GuardOptions { DataDirectory = _home.DataDirectory, OpenClaw = { AgentsDirectory = _home.AgentsDirectory } };
    }

    public void Dispose()
    {
        _agent.Dispose();
        _home.Dispose();
    }

    private (string Computed, Dictionary<string, double> Used) Quota()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, QuotaCommand.Run(output, error, _options, json: true, _time.GetUtcNow()));
        using var json = JsonDocument.Parse(output.ToString());
        var used = json.RootElement.GetProperty("models").EnumerateArray()
            .ToDictionary(r => r.GetProperty("model").GetString()!, r => r.GetProperty("used").GetDouble());
        return (json.RootElement.GetProperty("computed").GetString()!, used);
    }

    private QuotaCheck Check(StateStore store) => new(
        new LiveOptions(_options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance), new Guard.Chain.ModelChain(), store, new RecordingAlertPublisher(),
        new CriticalCommandRunner(_time, SecretRedactor.Default, NullLogger<CriticalCommandRunner>.Instance), _time, NullLogger<QuotaCheck>.Instance);

    [Fact]
    public async Task Without_state_it_sums_the_stores_and_equals_the_figures_guard_run_then_stores()
    {
        _agent.Append("s1", compress: false, TranscriptLines.Session("s1", Start), TranscriptLines.Assistant(Start.AddMinutes(-30), "p1", "m1", 1200, 300));
        _agent.Append("s1", compress: true, TranscriptLines.Assistant(Start.AddMinutes(-20), "p2", "m2", 50, 7, text: new string('z', 3000)));
        AgentStore.WriteArchive(_home.AgentsDirectory, "old", TranscriptLines.Session("old", Start) + "\n" + TranscriptLines.Assistant(Start.AddHours(-2), "p1", "m1", 10, 1) + "\n");

        var standalone = Quota();
        Assert.Equal("sources", standalone.Computed);
        Assert.Equal(1511, standalone.Used["p1/m1"]);
        Assert.Equal(57, standalone.Used["p2/m2"]);

        var store = new StateStore(new GuardState(), StateFile.PathIn(_home.DataDirectory));
        using (var check = Check(store))
        {
            await check.RunCycleAsync(CancellationToken.None);
        }

        StateFile.Save(store.FilePath, store.Snapshot());
        var fromState = Quota();
        Assert.Equal("state", fromState.Computed);
        Assert.Equal(standalone.Used, fromState.Used);

        // A state nobody keeps current is not trusted: computed again, with the usage that arrived since.
        _agent.Append("s1", compress: false, TranscriptLines.Assistant(Start.AddMinutes(5), "p1", "m1", 9, 0));
        _time.Advance(TimeSpan.FromMinutes(30));
        var stale = Quota();
        Assert.Equal(("sources", 1520.0), (stale.Computed, stale.Used["p1/m1"]));
    }

    [Fact]
    public async Task A_turn_answered_in_the_store_after_start_is_the_gateway_serving()
    {
        _agent.Append("s1", compress: false, TranscriptLines.Session("s1", Start), TranscriptLines.Assistant(Start.AddHours(-1), "p1", "m1", 1, 1));
        var store = new StateStore(new GuardState(), StateFile.PathIn(_home.DataDirectory));
        using var check = Check(store);
        await check.RunCycleAsync(CancellationToken.None);
        Assert.Null(store.Read(s => s.Chain.LastServedAt)); // history is no evidence

        var served = Start.AddMinutes(2);
        _agent.Append("s1", compress: true, TranscriptLines.Assistant(served, "p2", "m2", 5, 5, text: new string('y', 2000)));
        _time.SetUtcNow(Start.AddMinutes(3));
        await check.RunCycleAsync(CancellationToken.None);

        Assert.Equal((served, "p2/m2"), store.Read(s => (s.Chain.LastServedAt, s.Chain.LastServedModel)));
    }
}
