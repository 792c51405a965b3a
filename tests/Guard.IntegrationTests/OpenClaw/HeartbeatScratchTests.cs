using Guard.Configuration;
using Guard.IntegrationTests.RealOpenClaw;
using Guard.OpenClaw.Cli;
using Guard.OpenClaw.Heartbeat;
using Xunit.Abstractions;

namespace Guard.IntegrationTests.OpenClaw;

/// <summary>Guard's heartbeat section in the real monitor scratch of the test bed's 2026.9.x heartbeat job.</summary>
[Collection(RealOpenClawCollection.Name)]
public sealed class HeartbeatScratchTests(ITestOutputHelper output)
{
    private const string OwnerText = "# My checklist\n- water the plants\n- 检查邮件";

    [OpenClawTheory]
    [InlineData("2026.9.6")]
    public async Task The_section_goes_into_the_scratch_beside_the_owners_text_and_leaves_it_on_recovery(string version)
    {
        var installation = await OpenClawInstaller.EnsureAsync(OpenClawReleases.Named(version));
        await using var providers = await ScriptedModelProviders.StartAsync(OpenClawTestHome.ChainFor(installation.Release));
        using var home = await OpenClawTestHome.CreateAsync(installation, providers);
        await using var gateway = await OpenClawGateway.StartAsync(home);
        Assert.True(HeartbeatFeed.UsesMonitorScratch(Guard.OpenClaw.Discovery.OpenClawPaths.Resolve(
            new OpenClawOptions { ConfigPath = home.ConfigPath }, name => name == "OPENCLAW_STATE_DIR" ? home.StateDirectory : null)));

        var cli = new OpenClawCli(new OpenClawOptions { Cli = installation.OpenClaw, ConfigPath = home.ConfigPath, CliTimeout = TimeSpan.FromSeconds(90) }, TimeProvider.System);
        var environment = home.Environment(new Dictionary<string, string> { ["OPENCLAW_CONFIG_PATH"] = home.ConfigPath, ["OPENCLAW_STATE_DIR"] = home.StateDirectory });
        var scratch = new HeartbeatScratch(cli, environment, home.Root);
        // The gateway creates the system-owned heartbeat monitor row some time after it reports healthy.
        var (jobId, problem) = await scratch.FindJobAsync("main", CancellationToken.None);
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); jobId is null && wait.Elapsed < TimeSpan.FromSeconds(120);)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            (jobId, problem) = await scratch.FindJobAsync("main", CancellationToken.None);
        }

        if (jobId is null)
        {
            output.WriteLine((await home.CliAsync(["cron", "list", "--all", "--json"])).StandardOutput);
        }

        Assert.True(jobId is not null, problem);
        (await home.CliAsync(["cron", "scratch", jobId, "--set", OwnerText])).Ensure("openclaw cron scratch --set");

        Assert.Equal("written", await scratch.UpdateAsync(jobId, "Guard: 模型链全部不可用 ChainDark\n- a/m1: QuotaExhausted", CancellationToken.None));
        var dark = await ReadAsync(home, jobId);
        output.WriteLine(dark);
        Assert.StartsWith(OwnerText, dark, StringComparison.Ordinal);
        Assert.Contains("a/m1: QuotaExhausted", dark, StringComparison.Ordinal);
        Assert.Equal("unchanged", await scratch.UpdateAsync(jobId, "Guard: 模型链全部不可用 ChainDark\n- a/m1: QuotaExhausted", CancellationToken.None));

        Assert.Equal("removed", await scratch.UpdateAsync(jobId, null, CancellationToken.None));
        Assert.Equal(OwnerText, await ReadAsync(home, jobId));
    }

    private static async Task<string> ReadAsync(OpenClawTestHome home, string jobId)
    {
        var run = (await home.CliAsync(["cron", "scratch", jobId, "--json"])).Ensure("openclaw cron scratch --json");
        var (_, json) = OpenClawCli.ParseJson(run.StandardOutput);
        return (string?)json?["scratch"]?["content"] ?? "";
    }
}
