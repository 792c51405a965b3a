using System.Diagnostics;
using Guard.IntegrationTests.Probing;
using Guard.IntegrationTests.Systemd;
using Xunit.Abstractions;

namespace Guard.IntegrationTests.Recovery;

/// <summary>
/// Guard itself as the repository's <c>systemd/guard.service</c> (Type=notify, WatchdogSec, hardening) under a real
/// user manager: Hosting.Systemd must activate (READY=1), the pinger keeps it alive while the probe loop beats, and
/// systemd restarts it when the loop freezes. The unit runs <c>guard run</c> through the process harness, whose
/// composition override swaps in a prober that waits while a freeze file exists (the product has no freeze hook).
/// </summary>
[Collection(RealSystemdCollection.Name)]
public sealed class GuardUnitWatchdogTests(SystemdUserManagerFixture systemd, ITestOutputHelper output) : IClassFixture<SystemdUserManagerFixture>
{
    private const string GuardUnit = "guard.service";

    [SystemdFact]
    public async Task Guard_unit_reaches_ready_stays_alive_while_healthy_and_is_restarted_by_the_watchdog_when_its_loop_freezes()
    {
        await using var scenario = await RecoveryScenario.StartAsync(systemd, "openclaw-gateway.service");
        scenario.Server.On("GET", "/model-a/v1/models", ScriptedResponse.Json(200, ProviderBodies.OpenAiModelsList("model-a")));
        scenario.WriteConfig([scenario.OpenAiModel("testprov", "model-a")], new { AllFailedRounds = 2 });
        var freeze = Path.Combine(scenario.Root, "freeze");
        var console = Path.Combine(scenario.Root, "guard.out");
        InstallGuardUnit(scenario, freeze, console);
        await systemd.DaemonReloadAsync();

        // Type=notify: `systemctl start` returns only once READY=1 arrived — Hosting.Systemd saw systemd as its parent.
        var clock = Stopwatch.StartNew();
        await systemd.StartUnitAsync(GuardUnit);
        output.WriteLine($"READY after {clock.Elapsed.TotalSeconds:0.0} s");
        var started = await systemd.ShowAsync(GuardUnit, "ActiveState", "SubState", "MainPID", "NRestarts", "WatchdogUSec");
        Assert.Equal("active", started["ActiveState"]);
        Assert.Equal("running", started["SubState"]);
        Assert.Equal("0", started["NRestarts"]);
        var firstPid = started["MainPID"];

        // STATUS= lines from the pinger, and several watchdog periods (3 s) pass without a kill.
        await WaitForAsync(async () => (await systemd.ShowAsync(GuardUnit, "StatusText"))["StatusText"].Contains("1/1 models usable", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), "a STATUS= line with a round", console);
        await Task.Delay(TimeSpan.FromSeconds(7));
        var healthy = await systemd.ShowAsync(GuardUnit, "ActiveState", "MainPID", "NRestarts", "StatusText");
        output.WriteLine($"StatusText: {healthy["StatusText"]}");
        Assert.Equal("active", healthy["ActiveState"]);
        Assert.Equal(firstPid, healthy["MainPID"]);
        Assert.Equal("0", healthy["NRestarts"]);

        // Hardening still lets Guard reach the bus (the gateway check ran) and write its data directory.
        await WaitForAsync(() => Task.FromResult(scenario.ReadState() is { } s && s.GetProperty("gateway").TryGetProperty("last_check", out var c) && c.ValueKind != System.Text.Json.JsonValueKind.Null),
            TimeSpan.FromSeconds(10), "the gateway check in the state file", console);
        Assert.Contains("no unit openclaw-gateway.service", scenario.ReadState()!.Value.GetProperty("gateway").GetProperty("problem").GetString(), StringComparison.Ordinal);

        // Freeze the loop: the pinger stops feeding the watchdog and systemd restarts Guard.
        await File.WriteAllTextAsync(freeze, "frozen by the test");
        clock.Restart();
        var results = new HashSet<string>(StringComparer.Ordinal);
        await WaitForAsync(async () =>
        {
            var now = await systemd.ShowAsync(GuardUnit, "NRestarts", "Result");
            results.Add(now["Result"]);
            return now["NRestarts"] != "0";
        }, TimeSpan.FromSeconds(40), "a watchdog restart", console);
        output.WriteLine($"restarted {clock.Elapsed.TotalSeconds:0.0} s after the freeze; results seen: {string.Join(", ", results)}");
        File.Delete(freeze);

        // systemd recorded why it stopped Guard (Result=watchdog, seen before the restart reset it), and Guard said so first.
        Assert.Contains("watchdog", results);
        Assert.Contains("no longer feeding the systemd watchdog", await File.ReadAllTextAsync(console), StringComparison.Ordinal);

        // The new process reaches READY again and feeds the watchdog.
        await WaitForAsync(async () =>
        {
            var again = await systemd.ShowAsync(GuardUnit, "ActiveState", "SubState", "MainPID");
            return again["ActiveState"] == "active" && again["SubState"] == "running" && again["MainPID"] != firstPid && again["MainPID"] != "0";
        }, TimeSpan.FromSeconds(20), "the restarted Guard to be running", console);
        await systemd.StopUnitAsync(GuardUnit);
    }

    /// <summary>The repository's unit with ExecStart pointed at this build, plus a drop-in with test-sized values.</summary>
    private void InstallGuardUnit(RecoveryScenario scenario, string freeze, string console)
    {
        var repositoryUnit = File.ReadAllText(Path.Combine(RepositoryRoot(), "systemd", "guard.service"));
        const string execStart = "ExecStart=%h/.local/bin/guard run";
        Assert.Contains(execStart, repositoryUnit, StringComparison.Ordinal);

        // dotnet is exec'd by systemd directly, so its parent process is systemd, as for the real binary.
        var harness = Path.Combine(AppContext.BaseDirectory, "Guard.ProcessHarness.dll");
        systemd.WriteUnit(GuardUnit, repositoryUnit.Replace(
            execStart, $"ExecStart={DotnetHost()} {harness} guard-freezable-probes {freeze} run --config {scenario.ConfigPath}", StringComparison.Ordinal));
        var dropIn = Path.Combine(systemd.UnitDirectory, GuardUnit + ".d");
        Directory.CreateDirectory(dropIn);
        File.WriteAllText(Path.Combine(dropIn, "test.conf"), $"""
            [Service]
            WatchdogSec=3
            RestartSec=1
            Environment=HOME={scenario.Home} {RecoveryScenario.KeyEnv}={RecoveryScenario.Key}
            Environment=XDG_RUNTIME_DIR={systemd.RuntimeDirectory} XDG_CONFIG_HOME={systemd.ConfigHome}
            ReadWritePaths={scenario.Root}
            StandardOutput=append:{console}
            StandardError=inherit
            """);
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, string console)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        var status = await systemd.SystemctlAsync("status", GuardUnit);
        Assert.Fail($"timed out waiting for {what}\n--- systemctl status ---\n{status.StandardOutput}{status.StandardError}\n" +
            $"--- guard console ---\n{(File.Exists(console) ? await File.ReadAllTextAsync(console) : "(none)")}\n--- manager ---\n{systemd.ManagerOutput}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "systemd", "guard.service")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("systemd/guard.service not found above " + AppContext.BaseDirectory);
    }

    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "/usr/bin/dotnet";
    }
}
