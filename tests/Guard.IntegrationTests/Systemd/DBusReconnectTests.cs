using System.Diagnostics;
using Guard.Systemd;
using Xunit.Abstractions;

namespace Guard.IntegrationTests.Systemd;

/// <summary>
/// The shared connection outliving the user manager it was opened to: the manager is stopped while a restart job
/// is being waited for and a new one is started on the same directories; the same manager object must carry on.
/// Its own <see cref="PrivateUserManager"/>, because the test restarts it.
/// </summary>
[Collection(RealSystemdCollection.Name)]
public sealed class DBusReconnectTests(ITestOutputHelper output)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);

    [SystemdFact]
    public async Task When_the_user_manager_dies_mid_wait_the_wait_ends_and_the_next_restart_works_without_a_new_guard()
    {
        const string unit = "fake-gateway-reconnect.service";
        var systemd = new PrivateUserManager();
        await systemd.StartAsync();
        try
        {
            systemd.WriteFakeGateway(unit);
            await systemd.DaemonReloadAsync();
            await systemd.StartUnitAsync(unit);
            using var manager = systemd.CreateManager();
            var first = await manager.GetUnitStateAsync(unit);
            Assert.True(first.IsSuccess, first.ToString());

            // A restart that takes 30 s, so the manager goes away while Guard waits for the job.
            systemd.WriteFakeGateway(unit, serviceSection: "ExecStartPre=/bin/sleep 30");
            await systemd.DaemonReloadAsync();
            var slow = await manager.RestartUnitAsync(unit);
            Assert.True(slow.IsSuccess, slow.ToString());
            var wait = manager.WaitForJobAsync(slow.Value!, JobTimeout);
            await Task.Delay(300);
            Assert.False(wait.IsCompleted);

            systemd.WriteFakeGateway(unit);
            var clock = Stopwatch.StartNew();
            await systemd.RestartAsync();
            var interrupted = await wait.WaitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"wait ended after {clock.Elapsed.TotalMilliseconds:F0} ms: {interrupted}");

            // Either the old manager cancelled the job on its way out, or the connection closed first: never "done".
            Assert.False(interrupted.IsSuccess && interrupted.Value!.Result == SystemdJobResult.Done, interrupted.ToString());
            Assert.True(
                interrupted.IsSuccess ? interrupted.Value!.Result == SystemdJobResult.Canceled : interrupted.Error.Kind == SystemdErrorKind.NoBus,
                interrupted.ToString());

            await systemd.StartUnitAsync(unit);
            var before = await systemd.ShowAsync(unit, "MainPID");
            var starts = systemd.CountStarts(unit);

            var restart = await manager.RestartUnitAsync(unit);

            Assert.True(restart.IsSuccess, restart.ToString());
            var job = await manager.WaitForJobAsync(restart.Value!, JobTimeout);
            Assert.True(job.IsSuccess, job.ToString());
            Assert.Equal(SystemdJobResult.Done, job.Value!.Result);
            Assert.Equal(starts + 1, systemd.CountStarts(unit));
            var after = await manager.GetUnitStateAsync(unit);
            Assert.True(after.IsSuccess, after.ToString());
            Assert.Equal("active", after.Value!.ActiveState);
            Assert.NotEqual(before["MainPID"], (await systemd.ShowAsync(unit, "MainPID"))["MainPID"]);
        }
        finally
        {
            await systemd.StopAsync();
        }
    }

    [SystemdFact]
    public async Task A_manager_restarted_between_two_calls_is_invisible_to_the_second()
    {
        const string unit = "fake-gateway-reconnect-idle.service";
        var systemd = new PrivateUserManager();
        await systemd.StartAsync();
        try
        {
            systemd.WriteFakeGateway(unit);
            await systemd.DaemonReloadAsync();
            await systemd.StartUnitAsync(unit);
            using var manager = systemd.CreateManager();
            Assert.True((await manager.GetUnitStateAsync(unit)).IsSuccess);

            await systemd.RestartAsync();
            await systemd.StartUnitAsync(unit);
            var before = await manager.GetUnitStateAsync(unit);
            var restart = await manager.RestartUnitAsync(unit);

            Assert.True(before.IsSuccess, before.ToString());
            Assert.True(restart.IsSuccess, restart.ToString());
            var job = await manager.WaitForJobAsync(restart.Value!, JobTimeout);
            Assert.Equal(SystemdJobResult.Done, job.Value?.Result);
            var after = await manager.GetUnitStateAsync(unit);
            Assert.NotEqual(before.Value!.MainPid, after.Value!.MainPid);
            Assert.True(after.Value.ActiveEnterTimestamp > before.Value.ActiveEnterTimestamp);
        }
        finally
        {
            await systemd.StopAsync();
        }
    }
}
