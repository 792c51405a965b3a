using Guard.Chain;
using System.Text.Json;
using Guard.Alerts;
using Guard.Cli;
using Guard.Configuration;
using Guard.Logging;
using Guard.Quota;
using Guard.Quota.Alerts;
using Guard.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.Quota;

/// <summary>
/// The acceptance scenario: an OpenClaw home whose transcripts burn a budgeted model steadily. Guard raises
/// QuotaForecast about 30 minutes before the projected exhaustion, then QuotaWarning at 80 % and QuotaCritical at
/// 95 %, each once; the window reset resolves them; <c>guard quota</c> shows the same numbers.
/// </summary>
public sealed class QuotaCheckScenarioTests : IDisposable
{
    private const string Model = "zhipu/glm-4.7";

    // A day's budget of 120k tokens burnt at 1000 tokens/min runs out 120 minutes after 00:00 UTC.
    private static readonly DateTimeOffset Start = new(2026, 2, 12, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ProjectedExhaustion = Start.AddMinutes(120);

    private readonly OpenClawHome _home = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly RecordingAlertPublisher _alerts = new();
    private readonly string _commandLog;
    private readonly GuardOptions _options;
    private readonly StateStore _store;
    private readonly QuotaCheck _check;

    public QuotaCheckScenarioTests()
    {
        _commandLog = Path.Combine(_home.Root, "critical.log");
        _options = new GuardOptions
        {
            DataDirectory = _home.DataDirectory,
            OpenClaw = { AgentsDirectory = _home.AgentsDirectory },
            Quota =
            {
                CriticalCommand = "/bin/sh",
                CriticalArguments = ["-c", "echo \"$GUARD_QUOTA_MODEL $GUARD_QUOTA_PERCENT $GUARD_QUOTA_ADVICE\" >> \"$0\"", _commandLog],
                Budgets = { [Model] = new QuotaBudgetOptions { TokensPerWindow = 120_000, Window = TimeSpan.FromDays(1), TimeZone = "UTC" } },
            },
        };
        Directory.CreateDirectory(_home.DataDirectory);
        _store = new StateStore(new GuardState(), StateFile.PathIn(_home.DataDirectory));
        var live = new LiveOptions(_options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        _check = new QuotaCheck(
            live, new ModelChain(), _store, _alerts, new CriticalCommandRunner(_time, SecretRedactor.Default, NullLogger<CriticalCommandRunner>.Instance), _time, NullLogger<QuotaCheck>.Instance);
    }

    public void Dispose()
    {
        _check.Dispose();
        _home.Dispose();
    }

    [Fact]
    public async Task Steady_burn_forecasts_then_warns_then_goes_critical_each_once_and_resets_at_midnight()
    {
        var transcript = _home.Transcript("0b7c2a9e-live");
        OpenClawHome.Append(transcript, TranscriptLines.Session("0b7c2a9e-live", Start));
        var raisedAt = new Dictionary<AlertEventKind, DateTimeOffset>();
        IReadOnlyList<ModelQuota> atForecast = [];

        for (var minute = 0; minute < 130; minute++)
        {
            var at = _time.GetUtcNow();
            OpenClawHome.Append(
                transcript,
                TranscriptLines.User(at, "next step"),
                TranscriptLines.Assistant(at, "zhipu", "glm-4.7", input: 800, output: 150, cacheRead: 40, cacheWrite: 10, cost: 0.002, stopReason: "toolUse"),
                TranscriptLines.ToolResult(at, "done"));
            if (minute % 17 == 0)
            {
                OpenClawHome.Append(transcript, "not json at all");
            }

            _time.Advance(TimeSpan.FromMinutes(1));
            var quotas = await _check.RunCycleAsync(CancellationToken.None);
            foreach (var raised in _alerts.Raised.Where(r => !raisedAt.ContainsKey(r.Kind)))
            {
                raisedAt[raised.Kind] = _time.GetUtcNow();
                if (raised.Kind == AlertEventKind.QuotaForecast)
                {
                    atForecast = quotas;
                    await AssertGuardQuotaShowsAsync(quotas);
                }
            }

            await Task.WhenAll(_check.Commands);
        }

        Assert.Equal([AlertEventKind.QuotaForecast, AlertEventKind.QuotaWarning, AlertEventKind.QuotaCritical], _alerts.Raised.Select(r => r.Kind));
        Assert.Equal(ProjectedExhaustion.AddMinutes(-30), raisedAt[AlertEventKind.QuotaForecast], TimeSpan.FromMinutes(2));
        Assert.Equal(Start.AddMinutes(96), raisedAt[AlertEventKind.QuotaWarning], TimeSpan.FromMinutes(1));
        Assert.Equal(Start.AddMinutes(114), raisedAt[AlertEventKind.QuotaCritical], TimeSpan.FromMinutes(1));

        var forecast = _alerts.Raised[0];
        Assert.Equal(Model, forecast.Model);
        Assert.Contains("runs out at 2026-02-12 02:00 UTC", forecast.Detail, StringComparison.Ordinal);
        Assert.Contains("at 1000 tokens/min", forecast.Detail, StringComparison.Ordinal);
        Assert.Equal(ProjectedExhaustion, atForecast.Single().Soonest!.ExhaustsAt!.Value, TimeSpan.FromMinutes(1));

        var critical = _alerts.Raised[2];
        Assert.Equal(AlertSeverity.Critical, critical.Severity);
        Assert.Contains("Stop non-urgent work", critical.Detail, StringComparison.Ordinal);
        Assert.Equal(Start.AddDays(1), critical.RetryAt);

        // The critical command ran once for the episode, with the model and percentage in its environment.
        var commandLines = await File.ReadAllLinesAsync(_commandLog);
        var line = Assert.Single(commandLines);
        Assert.StartsWith($"{Model} 95.", line, StringComparison.Ordinal);
        Assert.EndsWith("stop non-urgent work", line, StringComparison.Ordinal);

        // Idle until the day ends: nothing new; then the reset resolves all three, once.
        for (var i = 0; i < 22 * 6; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(10));
            await _check.RunCycleAsync(CancellationToken.None);
        }

        Assert.Equal(3, _alerts.Raised.Count);
        Assert.Equal(
            ["QuotaCritical|zhipu/glm-4.7", "QuotaForecast|zhipu/glm-4.7", "QuotaWarning|zhipu/glm-4.7"],
            _alerts.Resolved.Select(r => r.Fingerprint).Order(StringComparer.Ordinal));
        Assert.All(_alerts.Resolved, r => Assert.Equal(Start.AddDays(1), r.At, TimeSpan.FromMinutes(10)));
        Assert.Single(await File.ReadAllLinesAsync(_commandLog));
        Assert.True(_store.Read(s => s.Quota.MalformedLines) >= 7);
    }

    [Fact]
    public async Task State_survives_a_restart_without_re_raising()
    {
        var transcript = _home.Transcript("s");
        OpenClawHome.Append(transcript, TranscriptLines.Session("s", Start), TranscriptLines.Assistant(Start, "zhipu", "glm-4.7", 116_000, 0));
        _time.Advance(TimeSpan.FromMinutes(1));
        await _check.RunCycleAsync(CancellationToken.None);
        Assert.Contains(_alerts.Raised, r => r.Kind == AlertEventKind.QuotaCritical);
        await Task.WhenAll(_check.Commands);

        // A second Guard on the saved state: same usage, no new alerts, no second command.
        StateFile.Save(_store.FilePath, _store.Snapshot());
        var store = new StateStore(StateFile.Load(_store.FilePath, _time, NullLogger.Instance), _store.FilePath);
        var alerts = new RecordingAlertPublisher();
        var live = new LiveOptions(_options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        using var restarted = new QuotaCheck(
            live, new ModelChain(), store, alerts, new CriticalCommandRunner(_time, SecretRedactor.Default, NullLogger<CriticalCommandRunner>.Instance), _time, NullLogger<QuotaCheck>.Instance);
        _time.Advance(TimeSpan.FromMinutes(1));
        var quotas = await restarted.RunCycleAsync(CancellationToken.None);

        Assert.Empty(alerts.Calls);
        Assert.Equal(116_000, quotas.Single().Headline!.Used, 0);
        Assert.Single(await File.ReadAllLinesAsync(_commandLog));
    }

    /// <summary><c>guard quota --json</c> on the saved state, at the same instant, shows what the check evaluated.</summary>
    private async Task AssertGuardQuotaShowsAsync(IReadOnlyList<ModelQuota> evaluated)
    {
        StateFile.Save(_store.FilePath, _store.Snapshot());
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, QuotaCommand.Run(output, error, _options, json: true, _time.GetUtcNow()));

        using var json = JsonDocument.Parse(output.ToString());
        var row = Assert.Single(json.RootElement.GetProperty("models").EnumerateArray());
        var expected = evaluated.Single().Meters.Single();
        Assert.Equal(Model, row.GetProperty("model").GetString());
        Assert.Equal("budget", row.GetProperty("source").GetString());
        Assert.Equal(expected.Used, row.GetProperty("used").GetDouble(), 3);
        Assert.Equal(expected.Limit!.Value, row.GetProperty("limit").GetDouble());
        Assert.Equal(expected.Percent!.Value, row.GetProperty("percent").GetDouble(), 2);
        Assert.Equal(expected.ResetsAt, row.GetProperty("resetsAt").GetDateTimeOffset());
        Assert.Equal(expected.ExhaustsAt!.Value, row.GetProperty("exhaustsAt").GetDateTimeOffset());

        using var table = new StringWriter();
        Assert.Equal(0, QuotaCommand.Run(table, error, _options, json: false, _time.GetUtcNow()));
        Assert.Contains(QuotaFormat.Percent(expected.Percent), table.ToString(), StringComparison.Ordinal);
        Assert.Contains(QuotaFormat.Time(expected.ExhaustsAt), table.ToString(), StringComparison.Ordinal);
        await Task.CompletedTask;
    }
}
