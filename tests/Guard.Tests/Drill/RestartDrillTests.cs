using Guard.Configuration;
using Guard.Drill;
using Guard.Recovery;
using Guard.State;
using Guard.Systemd;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Guard.Tests.Drill;

public sealed class RestartDrillTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("guard-drill-test-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private readonly ISystemdManager _systemd = Substitute.For<ISystemdManager>();
    private readonly StringWriter _output = new();

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private GuardOptions Options() => new() { DataDirectory = _data };

    [Fact]
    public async Task NoBus_FailNamesTheAddressAndNotReady()
    {
        _systemd.GetUnitStateAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(SystemdResult<UnitStatus>.Failure(
            new SystemdError(SystemdErrorKind.NoBus, "no socket", BusAddress: "unix:path=/run/user/1000/bus")));
        var drill = new RestartDrill(_systemd, _time, _output);

        await drill.RunAsync(Options(), "unix:path=/run/user/1000/bus", CancellationToken.None);

        Assert.False(drill.Ready);
        Assert.Contains("FAIL  user bus not reachable at unix:path=/run/user/1000/bus: no socket", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitActive_BudgetFree_ReadyWithPassLines()
    {
        _systemd.GetUnitStateAsync("openclaw-gateway.service", Arg.Any<CancellationToken>()).Returns(SystemdResult<UnitStatus>.Success(
            new UnitStatus("openclaw-gateway.service", "loaded", "active", "running", "success", 1, 0, 0, null, null)));
        var drill = new RestartDrill(_systemd, _time, _output);

        await drill.RunAsync(Options(), "unix:path=/run/user/1000/bus", CancellationToken.None);

        Assert.True(drill.Ready, _output.ToString());
        var text = _output.ToString();
        Assert.Contains("PASS  user bus reachable at unix:path=/run/user/1000/bus", text, StringComparison.Ordinal);
        Assert.Contains("PASS  unit openclaw-gateway.service exists (LoadState=loaded)", text, StringComparison.Ordinal);
        Assert.Contains("INFO  state: ActiveState=active SubState=running Result=success last exit status=0", text, StringComparison.Ordinal);
        Assert.Contains("INFO  permission: not checked", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSuchUnit_FailsAfterBusPass()
    {
        _systemd.GetUnitStateAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(SystemdResult<UnitStatus>.Failure(
            new SystemdError(SystemdErrorKind.NoSuchUnit, "not found")));
        var drill = new RestartDrill(_systemd, _time, _output);

        await drill.RunAsync(Options(), "unix:path=/x/bus", CancellationToken.None);

        Assert.False(drill.Ready);
        Assert.Contains("PASS  user bus reachable", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("FAIL  unit openclaw-gateway.service not found", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BudgetUsedUp_FailsWithUsedOverMaxAndNextAllowed()
    {
        _systemd.GetUnitStateAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(SystemdResult<UnitStatus>.Success(
            new UnitStatus("openclaw-gateway.service", "loaded", "active", "running", "success", 1, 0, 0, null, null)));
        var state = new GuardState();
        for (var i = 3; i >= 1; i--)
        {
            state.Restarts.Add(new RestartRecord { At = _time.GetUtcNow().AddMinutes(-10 * i), Outcome = RestartBudget.AttemptedOutcome, Trigger = "ChainDark" });
        }

        StateFile.Save(StateFile.PathIn(_data), state);
        var drill = new RestartDrill(_systemd, _time, _output);

        await drill.RunAsync(Options(), "unix:path=/x/bus", CancellationToken.None);

        Assert.False(drill.Ready);
        Assert.Contains("FAIL  restart budget: 3/3 used in the last 60 min; next restart allowed at", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitStatus78_Fails()
    {
        _systemd.GetUnitStateAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(SystemdResult<UnitStatus>.Success(
            new UnitStatus("openclaw-gateway.service", "loaded", "failed", "failed", "exit-code", 1, 78, 5, null, null)));
        var drill = new RestartDrill(_systemd, _time, _output);

        await drill.RunAsync(Options(), "unix:path=/x/bus", CancellationToken.None);

        Assert.False(drill.Ready);
        Assert.Contains("last exit status=78 (78: the gateway rejected its configuration", _output.ToString(), StringComparison.Ordinal);
    }
}
