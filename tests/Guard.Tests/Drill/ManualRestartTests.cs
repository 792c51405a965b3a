using Guard.Configuration;
using Guard.Drill;
using Guard.Recovery;
using Guard.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Guard.Tests.Drill;

public sealed class ManualRestartTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("guard-drill-test-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private readonly SimulatedSystemdManager _systemd;
    private readonly GatewayRestarter _restarter;
    private readonly StringWriter _output = new();
    private int _restarts;

    public ManualRestartTests()
    {
        _systemd = new SimulatedSystemdManager(_time);
        _systemd.Restarted += _ => _restarts++;
        _restarter = new GatewayRestarter(_systemd, new GatewayHealthProbe(Substitute.For<IHttpClientFactory>(), _time), _time,
            NullLogger<GatewayRestarter>.Instance);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private GuardOptions Options() => new() { DataDirectory = _data, OpenClaw = { HealthUrl = null } };

    [Fact]
    public async Task BudgetFree_RestartsOnceAndRecordsItWithTriggerDrill()
    {
        var attempt = await ManualRestart.RunAsync(_restarter, Options(), _time, _output, NullLogger.Instance, CancellationToken.None);

        Assert.True(attempt?.Succeeded, _output.ToString());
        Assert.Equal(1, _restarts);
        var state = StateFile.TryRead(StateFile.PathIn(_data)).State!;
        var record = Assert.Single(state.Restarts);
        Assert.Equal(ManualRestart.Trigger, record.Trigger);
        Assert.Equal(RestartBudget.AttemptedOutcome, record.Outcome);
        Assert.Equal("done", record.JobResult);
    }

    [Fact]
    public async Task ManualInterventionFlagged_DoesNotRestart()
    {
        StateFile.Save(StateFile.PathIn(_data), new GuardState { Recovery = { ManualInterventionNeeded = true } });

        var attempt = await ManualRestart.RunAsync(_restarter, Options(), _time, _output, NullLogger.Instance, CancellationToken.None);

        Assert.Null(attempt);
        Assert.Equal(0, _restarts);
        Assert.Contains("FAIL  not restarting", _output.ToString(), StringComparison.Ordinal);
    }
}
