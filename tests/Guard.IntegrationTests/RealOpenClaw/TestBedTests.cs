using Xunit.Abstractions;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// The test bed itself, per release: installed from npm, a home set up by the CLI with four key shapes, a gateway on
/// loopback answering real turns from the scripted providers, and failing over when the primary is out of quota.
/// </summary>
[Collection(RealOpenClawCollection.Name)]
public sealed class TestBedTests(ITestOutputHelper output)
{
    [OpenClawTheory]
    [MemberData(nameof(OpenClawReleases.Versions), MemberType = typeof(OpenClawReleases))]
    public async Task A_home_set_up_by_the_cli_serves_turns_and_fails_over(string version)
    {
        var installation = await OpenClawInstaller.EnsureAsync(OpenClawReleases.Named(version));
        Assert.Contains(version, installation.ReportedVersion, StringComparison.Ordinal);
        await using var providers = await ScriptedModelProviders.StartAsync(OpenClawTestHome.ChainFor(installation.Release));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var home = await OpenClawTestHome.CreateAsync(installation, providers);
        output.WriteLine($"home set up in {clock.Elapsed.TotalSeconds:F1} s");
        var config = home.ReadConfig();
        Assert.Equal(home.ChainIds[0], (string?)config["agents"]!["defaults"]!["model"]!["primary"]);
        Assert.Equal(home.ChainIds.Skip(1), config["agents"]!["defaults"]!["model"]!["fallbacks"]!.AsArray().Select(n => (string?)n));

        await using var gateway = await OpenClawGateway.StartAsync(home);
        output.WriteLine($"gateway healthy in {gateway.StartupTime.TotalSeconds:F1} s");

        clock.Restart();
        var healthy = await AgentTurn.RunAsync(home, "testbed-healthy");
        output.WriteLine($"healthy turn in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(healthy.Answered, healthy.ToString());
        Assert.Equal(home.Chain[0].Provider, healthy.Provider);

        providers.Set(home.Chain[0].Provider, ProviderBehaviour.QuotaExhausted);
        clock.Restart();
        var failover = await AgentTurn.RunAsync(home, "testbed-failover");
        output.WriteLine($"failover turn in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failover.Answered, failover.ToString());
        Assert.Equal(home.Chain[1].Provider, failover.Provider);
        Assert.NotEmpty(providers.CompletionsTo(home.Chain[0].Provider));
        Assert.True(File.Exists(home.LogFile), $"no gateway log at {home.LogFile}");
    }
}
