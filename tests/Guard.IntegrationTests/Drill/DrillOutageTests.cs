using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.Drill;

/// <summary>
/// <c>guard drill outage</c> as the real process with no user bus: the whole loop, in order, the restart clearly
/// labelled SIMULATED, and nothing written under HOME. The real-unit case is <see cref="DrillOutageSystemdTests"/>.
/// </summary>
public sealed class DrillOutageTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task DrillOutage_RealProcess_PrintsEveryStepInOrderAndExits0()
    {
        var options = new GuardProcessOptions { Timeout = TimeSpan.FromSeconds(90) };
        options.Environment["HOME"] = _home.Path;
        options.Environment["XDG_CONFIG_HOME"] = _home.Combine("xdg");
        options.Environment["XDG_RUNTIME_DIR"] = _home.Combine("no-bus-here"); // no bus socket: simulated restart

        var result = await GuardProcess.RunAsync(["drill", "outage"], options);

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.StandardOutput;
        int At(string text)
        {
            var index = output.IndexOf(text, StringComparison.Ordinal);
            Assert.True(index >= 0, $"missing '{text}' in:\n{output}");
            return index;
        }

        var fault = At("+0.0 s  fault injected");
        var detected = At("ChainDark detected (3 rounds");
        var alert = At("alert delivered (ChainDark");
        var restart = At("gateway restart requested (guard-drill-gateway.service: SIMULATED");
        var verified = At("restart verified: first healthy round");
        var recovered = At("ChainRecovered alert delivered");
        Assert.True(fault < detected && detected < alert && detected < restart && restart < verified && verified < recovered, output);
        Assert.Matches(@"Detect: \d+\.\d s\s+Alert: \d+\.\d s\s+Recover \(fault → verified\): \d+\.\d s", output);
        Assert.Contains("the gateway is SIMULATED (no systemd unit is touched: Cannot connect to the systemd user bus at", output, StringComparison.Ordinal);
        Assert.Contains("Restart job: SIMULATED (no systemd job ran)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("REAL", output, StringComparison.Ordinal);
        Assert.Empty(_home.Entries());
    }
}
