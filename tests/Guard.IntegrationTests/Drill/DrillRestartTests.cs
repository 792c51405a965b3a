using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.Drill;

/// <summary><c>guard drill restart</c> with no systemd bus: a FAIL line that names the address tried, exit 1.</summary>
public sealed class DrillRestartTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task DrillRestart_NoBusAtTheRuntimeDirectory_FailLineNamesTheAddressAndExit1()
    {
        var runtime = _home.Combine("run");
        Directory.CreateDirectory(runtime);
        var config = _home.WriteFile("drill.json", $$"""{ "Guard": { "DataDirectory": "{{_home.Combine("data")}}", "OpenClaw": { "Discover": false } } }""");
        var options = new GuardProcessOptions();
        options.Environment["HOME"] = _home.Path;
        options.Environment["XDG_CONFIG_HOME"] = _home.Combine("xdg");
        options.Environment["XDG_RUNTIME_DIR"] = runtime;

        var result = await GuardProcess.RunAsync(["drill", "restart", "--config", config], options);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"FAIL  user bus not reachable at unix:path={runtime}/bus", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("PASS  restart budget: 0/3 used", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("A restart would not work yet", result.StandardOutput, StringComparison.Ordinal);
    }
}
