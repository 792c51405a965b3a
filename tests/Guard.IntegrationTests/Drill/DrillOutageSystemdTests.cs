using System.Globalization;
using System.Text.RegularExpressions;
using Guard.IntegrationTests.Infrastructure;
using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.Drill;

/// <summary>
/// <c>guard drill outage</c> as the real process against a real, private systemd user manager: the stand-in gateway
/// is a transient unit that Guard's restart path really restarts, and that is gone afterwards — also after SIGTERM.
/// </summary>
[Collection(RealSystemdCollection.Name)]
public sealed partial class DrillOutageSystemdTests(SystemdUserManagerFixture systemd) : IClassFixture<SystemdUserManagerFixture>, IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [SystemdFact]
    public async Task DrillOutage_UserBusReachable_RestartsARealTransientUnit_AndRemovesIt()
    {
        var result = await GuardProcess.RunAsync(["drill", "outage"], Options());

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.StandardOutput;
        var started = StartedLine().Match(output);
        Assert.True(started.Success, output);
        var unit = started.Groups["unit"].Value;
        var firstPid = int.Parse(started.Groups["pid"].Value, CultureInfo.InvariantCulture);

        var restarted = RestartLine().Match(output);
        Assert.True(restarted.Success, output);
        Assert.Equal(unit, restarted.Groups["unit"].Value);
        var before = int.Parse(restarted.Groups["before"].Value, CultureInfo.InvariantCulture);
        var after = int.Parse(restarted.Groups["after"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(firstPid, before);
        Assert.NotEqual(before, after);
        Assert.Matches(@"Restart job: REAL, \d+ ms \('done'\)", output);
        Assert.DoesNotContain("SIMULATED", output, StringComparison.Ordinal);

        // Timeline complete and in order.
        int At(string text)
        {
            var index = output.IndexOf(text, StringComparison.Ordinal);
            Assert.True(index >= 0, $"missing '{text}' in:\n{output}");
            return index;
        }

        Assert.True(
            At("fault injected") < At("ChainDark detected") && At("ChainDark detected") < At("gateway restarted (") &&
            At("gateway restarted (") < At("restart verified") && At("restart verified") < At("ChainRecovered alert delivered"),
            output);
        Assert.Contains($"Stand-in unit {unit} stopped and removed.", output, StringComparison.Ordinal);

        // Checked independently of Guard: the manager no longer knows the unit, and neither sleep process is left.
        Assert.Equal("not-found", (await systemd.ShowAsync(unit, "LoadState"))["LoadState"]);
        Assert.False(Directory.Exists($"/proc/{before}"), $"first stand-in process {before} still running");
        Assert.False(Directory.Exists($"/proc/{after}"), $"second stand-in process {after} still running");
    }

    [SystemdFact]
    public async Task DrillOutage_Sigterm_MidDrill_StillRemovesTheUnit()
    {
        await using var guard = GuardProcess.Start(["drill", "outage"], Options());
        Assert.True(await guard.WaitForOutputAsync((o, _) => o.Contains("fault injected", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), guard.StandardOutput + guard.StandardError);
        var unit = StartedLine().Match(guard.StandardOutput).Groups["unit"].Value;
        Assert.Equal("active", (await systemd.ShowAsync(unit, "ActiveState"))["ActiveState"]);

        guard.Terminate();
        var result = await guard.WaitForExitAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("INTERRUPTED", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Stand-in unit {unit} stopped and removed.", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("not-found", (await systemd.ShowAsync(unit, "LoadState"))["LoadState"]);
    }

    private GuardProcessOptions Options()
    {
        var options = new GuardProcessOptions { Timeout = TimeSpan.FromSeconds(90) };
        systemd.ApplyEnvironment(options.Environment);
        options.Environment["HOME"] = _home.Path;
        return options;
    }

    [GeneratedRegex(@"REAL transient user unit (?<unit>guard-drill-gateway-[0-9a-f]{8}\.service) \(MainPID (?<pid>\d+)\)")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"gateway restarted \((?<unit>[^:]+): REAL systemd restart job 'done' in \d+ ms; MainPID (?<before>\d+) → (?<after>\d+), ActiveEnterTimestamp \S+ → \S+\)")]
    private static partial Regex RestartLine();
}
