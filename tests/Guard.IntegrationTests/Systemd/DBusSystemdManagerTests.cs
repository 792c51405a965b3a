using Guard.Systemd;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Guard.IntegrationTests.Systemd;

/// <summary>DBusSystemdManager against a real systemd user manager. Each test uses its own unit names.</summary>
[Collection(RealSystemdCollection.Name)]
public sealed class DBusSystemdManagerTests : IClassFixture<SystemdUserManagerFixture>, IDisposable
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(30);

    private readonly SystemdUserManagerFixture _systemd;
    private readonly DBusSystemdManager _manager;

    public DBusSystemdManagerTests(SystemdUserManagerFixture systemd, ITestOutputHelper output)
    {
        _systemd = systemd;
        _manager = systemd.CreateManager();
        output.WriteLine($"systemd --user became ready in {systemd.StartupTime.TotalMilliseconds:F0} ms");
    }

    public void Dispose() => _manager.Dispose();

    [SystemdFact]
    public async Task State_of_a_running_fake_gateway_is_active_running()
    {
        const string unit = "fake-gateway-state.service";
        _systemd.WriteFakeGateway(unit);
        await _systemd.DaemonReloadAsync();
        await _systemd.StartUnitAsync(unit);

        var result = await _manager.GetUnitStateAsync(unit);

        Assert.True(result.IsSuccess, result.ToString());
        var status = result.Value!;
        Assert.Equal(unit, status.Unit);
        Assert.Equal("loaded", status.LoadState);
        Assert.Equal("active", status.ActiveState);
        Assert.Equal("running", status.SubState);
        Assert.Equal("success", status.Result);
        Assert.Equal(0u, status.NRestarts);
        Assert.True(status.IsActive);
        Assert.NotNull(status.ActiveEnterTimestamp);
        Assert.InRange(status.ActiveEnterTimestamp.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [SystemdFact]
    public async Task Restart_returns_a_job_that_finishes_done_and_starts_the_unit_exactly_once_more()
    {
        const string unit = "fake-gateway.service";
        _systemd.WriteFakeGateway(unit);
        await _systemd.DaemonReloadAsync();
        await _systemd.StartUnitAsync(unit);
        var before = await _systemd.ShowAsync(unit, "MainPID");
        Assert.Equal(1, _systemd.CountStarts(unit));

        var restart = await _manager.RestartUnitAsync(unit);

        Assert.True(restart.IsSuccess, restart.ToString());
        Assert.StartsWith("/org/freedesktop/systemd1/job/", restart.Value, StringComparison.Ordinal);
        var job = await _manager.WaitForJobAsync(restart.Value!, JobTimeout);
        Assert.True(job.IsSuccess, job.ToString());
        Assert.Equal(SystemdJobResult.Done, job.Value!.Result);
        Assert.Equal("done", job.Value.RawResult);
        Assert.Equal(unit, job.Value.Unit);
        Assert.Equal(restart.Value, job.Value.JobPath);
        Assert.Equal(2, _systemd.CountStarts(unit));
        var after = await _manager.GetUnitStateAsync(unit);
        Assert.Equal("active", after.Value!.ActiveState);
        Assert.NotEqual(before["MainPID"], (await _systemd.ShowAsync(unit, "MainPID"))["MainPID"]);
    }

    [SystemdFact]
    public async Task Unknown_unit_is_NoSuchUnit_for_state_restart_and_reset()
    {
        const string unit = "no-such-gateway.service";

        var state = await _manager.GetUnitStateAsync(unit);
        var restart = await _manager.RestartUnitAsync(unit);
        var reset = await _manager.ResetFailedUnitAsync(unit);

        Assert.Equal(SystemdErrorKind.NoSuchUnit, state.Error?.Kind);
        Assert.Equal(SystemdErrorKind.NoSuchUnit, restart.Error?.Kind);
        Assert.Equal("org.freedesktop.systemd1.NoSuchUnit", restart.Error!.DBusName);
        Assert.Contains(unit, restart.Error.Message, StringComparison.Ordinal);
        Assert.Equal(SystemdErrorKind.NoSuchUnit, reset.Error?.Kind);
    }

    [SystemdFact]
    public async Task A_unit_that_exited_78_shows_ExecMainStatus_78_and_is_not_restarted()
    {
        const string unit = "fake-gateway-exit78.service";
        _systemd.WriteExitingGateway(unit, 78);
        await _systemd.DaemonReloadAsync();
        await _systemd.StartUnitAsync(unit);

        var status = await PollAsync(unit, s => s.ActiveState == "failed");

        Assert.Equal(78, status.ExecMainStatus);
        Assert.Equal(1, status.ExecMainCode); // CLD_EXITED
        Assert.Equal("exit-code", status.Result);
        Assert.Equal(0u, status.NRestarts);
        Assert.Equal(1, _systemd.CountStarts(unit)); // RestartPreventExitStatus=78 held
        Assert.Equal("78", (await _systemd.ShowAsync(unit, "ExecMainStatus"))["ExecMainStatus"]);
    }

    [SystemdFact]
    public async Task Restarting_past_the_start_limit_gives_start_limit_hit_until_reset_failed()
    {
        const string unit = "fake-gateway-limited.service";
        _systemd.WriteFakeGateway(unit, "StartLimitBurst=2\nStartLimitIntervalSec=60");
        await _systemd.DaemonReloadAsync();
        await _systemd.StartUnitAsync(unit);

        var second = await RestartAndWaitAsync(unit);
        var third = await RestartAndWaitAsync(unit);
        var limited = await _manager.GetUnitStateAsync(unit);

        Assert.Equal(SystemdJobResult.Done, second.Result);
        Assert.Equal(SystemdJobResult.Failed, third.Result);
        Assert.Equal("start-limit-hit", limited.Value!.Result);
        Assert.True(limited.Value.IsStartLimitHit);
        Assert.Equal("failed", limited.Value.ActiveState);
        Assert.Equal(2, _systemd.CountStarts(unit));

        var reset = await _manager.ResetFailedUnitAsync(unit);
        Assert.True(reset.IsSuccess, reset.ToString());
        var again = await RestartAndWaitAsync(unit);

        Assert.Equal(SystemdJobResult.Done, again.Result);
        var recovered = await _manager.GetUnitStateAsync(unit);
        Assert.Equal("active", recovered.Value!.ActiveState);
        Assert.Equal("success", recovered.Value.Result);
        Assert.Equal(3, _systemd.CountStarts(unit));
    }

    [SystemdFact]
    public async Task Waiting_for_a_job_queued_elsewhere_sees_it_finish()
    {
        const string unit = "fake-gateway-slow.service";
        // A one-second ExecStartPre keeps the job alive long enough for a second client to subscribe.
        _systemd.WriteFakeGateway(unit, serviceSection: "ExecStartPre=/bin/sleep 1");
        await _systemd.DaemonReloadAsync();
        using var other = _systemd.CreateManager();

        var restart = await other.RestartUnitAsync(unit);
        var job = await _manager.WaitForJobAsync(restart.Value!, JobTimeout);

        Assert.True(job.IsSuccess, job.ToString());
        Assert.Equal(SystemdJobResult.Done, job.Value!.Result);
        Assert.Equal(unit, job.Value.Unit);
        Assert.Equal(1, _systemd.CountStarts(unit));
    }

    [SystemdFact]
    public async Task Waiting_for_a_job_that_does_not_exist_is_NoSuchJob()
    {
        var job = await _manager.WaitForJobAsync("/org/freedesktop/systemd1/job/987654", JobTimeout);

        Assert.Equal(SystemdErrorKind.NoSuchJob, job.Error?.Kind);
    }

    [SystemdFact]
    public async Task The_wait_deadline_follows_the_injected_TimeProvider()
    {
        const string unit = "fake-gateway-stuck.service";
        _systemd.WriteUnit(unit, "[Service]\nType=oneshot\nExecStart=/bin/sleep 60\n");
        await _systemd.DaemonReloadAsync();
        var time = new FakeTimeProvider();
        using var manager = _systemd.CreateManager(time);
        try
        {
            var restart = await manager.RestartUnitAsync(unit);
            Assert.True(restart.IsSuccess, restart.ToString());

            var wait = manager.WaitForJobAsync(restart.Value!, TimeSpan.FromMinutes(10));
            await Task.Delay(300);
            Assert.False(wait.IsCompleted); // the job is genuinely still running
            time.Advance(TimeSpan.FromMinutes(10));
            var result = await wait.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(SystemdErrorKind.Timeout, result.Error?.Kind);
        }
        finally
        {
            await _systemd.StopUnitAsync(unit);
        }
    }

    private async Task<SystemdJobCompletion> RestartAndWaitAsync(string unit)
    {
        var restart = await _manager.RestartUnitAsync(unit);
        Assert.True(restart.IsSuccess, restart.ToString());
        var job = await _manager.WaitForJobAsync(restart.Value!, JobTimeout);
        Assert.True(job.IsSuccess, job.ToString());
        return job.Value!;
    }

    private async Task<UnitStatus> PollAsync(string unit, Func<UnitStatus, bool> until)
    {
        UnitStatus? last = null;
        for (var i = 0; i < 100; i++)
        {
            var result = await _manager.GetUnitStateAsync(unit);
            Assert.True(result.IsSuccess, result.ToString());
            last = result.Value!;
            if (until(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"{unit} never reached the expected state; last: {last}");
    }
}
