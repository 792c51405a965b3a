using Guard.IntegrationTests.Probing;
using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.Recovery;

/// <summary>
/// A chain that never recovers gets exactly MaxRestarts real restarts in the window, then the manual-intervention
/// state, and no more. Its own class (and manager) so it runs in parallel with the other recovery scenarios.
/// </summary>
[Collection(RealSystemdCollection.Name)]
public sealed class RestartBudgetExhaustionTests(SystemdUserManagerFixture systemd) : IClassFixture<SystemdUserManagerFixture>
{
    private static readonly ScriptedResponse ServerError = ScriptedResponse.Json(500, """{"error":{"message":"upstream connect error","type":"server_error"}}""");

    [SystemdFact]
    public async Task A_chain_that_never_recovers_gets_exactly_MaxRestarts_then_manual_intervention_and_no_more()
    {
        const string unit = "fake-gateway-never.service";
        systemd.WriteFakeGateway(unit);
        await systemd.DaemonReloadAsync();
        await systemd.StartUnitAsync(unit);

        await using var scenario = await RecoveryScenario.StartAsync(systemd, unit);
        scenario.Server.On("GET", "/model-a/v1/models", ServerError);
        scenario.WriteConfig(
            [scenario.OpenAiModel("testprov", "model-a")],
            new { AllFailedRounds = 2, MaxRestarts = 2, RestartWindow = "01:00:00", MinSpacing = "00:00:15", VerifyTimeout = "00:00:10" });
        scenario.StartGuard();

        // Restart 1 after two dark rounds, restart 2 after the 15 s spacing, then the budget is used up.
        await scenario.WaitUntilAsync(
            () => scenario.ReadState() is { } s && s.GetProperty("recovery").GetProperty("manual_intervention_needed").GetBoolean(),
            TimeSpan.FromSeconds(90),
            "manual_intervention_needed in the state file");

        Assert.Equal(1 + 2, systemd.CountStarts(unit));
        var restarts = scenario.Restarts();
        var attempted = restarts.Where(r => r.GetProperty("outcome").GetString() == "restarted").ToList();
        Assert.Equal(2, attempted.Count);
        Assert.All(attempted, r => Assert.False(r.GetProperty("verified").GetBoolean()));
        Assert.Equal("done", attempted[0].GetProperty("job_result").GetString());
        var spacing = attempted[1].GetProperty("at").GetDateTimeOffset() - attempted[0].GetProperty("at").GetDateTimeOffset();
        Assert.InRange(spacing, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(25));
        var manual = Assert.Single(restarts, r => r.GetProperty("reason").GetString()!.StartsWith("restart budget used up", StringComparison.Ordinal));
        Assert.Equal("skipped", manual.GetProperty("outcome").GetString());

        // Still dark for many more rounds: no third restart, no second manual-intervention record.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(3, systemd.CountStarts(unit));
        Assert.Equal(restarts.Count, scenario.Restarts().Count);
        Assert.Contains("Manual intervention needed", scenario.Guard.StandardError + scenario.Guard.StandardOutput, StringComparison.Ordinal);

        // guard status shows it.
        var status = await scenario.RunGuardAsync("status");
        Assert.Contains("MANUAL INTERVENTION NEEDED", status.StandardOutput, StringComparison.Ordinal);
    }
}
