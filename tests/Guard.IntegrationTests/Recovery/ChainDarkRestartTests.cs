using System.Text.Json;
using Guard.IntegrationTests.Probing;
using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.Recovery;

/// <summary>
/// The real <c>guard run</c> against a scripted provider and a fake gateway unit of a real systemd user manager:
/// a dark chain gets the gateway restarted (and verified).
/// </summary>
[Collection(RealSystemdCollection.Name)]
public sealed class ChainDarkRestartTests(SystemdUserManagerFixture systemd) : IClassFixture<SystemdUserManagerFixture>
{
    private static readonly ScriptedResponse ServerError = ScriptedResponse.Json(500, """{"error":{"message":"upstream connect error","type":"server_error"}}""");

    [SystemdFact]
    public async Task Every_model_failing_restarts_the_gateway_once_and_the_verification_round_sees_the_chain_back()
    {
        const string unit = "fake-gateway-dark.service";
        systemd.WriteFakeGateway(unit);
        await systemd.DaemonReloadAsync();
        await systemd.StartUnitAsync(unit);
        Assert.Equal(1, systemd.CountStarts(unit));

        await using var scenario = await RecoveryScenario.StartAsync(systemd, unit);

        // Both providers answer 500 until the gateway has been started again, like a gateway stuck until restarted.
        foreach (var name in new[] { "model-a", "model-b" })
        {
            scenario.Server.On("GET", $"/{name}/v1/models", _ => systemd.CountStarts(unit) > 1
                ? ScriptedResponse.Json(200, ProviderBodies.OpenAiModelsList(name))
                : ServerError);
        }

        scenario.WriteConfig(
            [scenario.OpenAiModel("testprov", "model-a"), scenario.OpenAiModel("testprov", "model-b")],
            new { AllFailedRounds = 2, MaxRestarts = 3, MinSpacing = "00:00:15", VerifyTimeout = "00:00:10" });
        scenario.StartGuard();

        await scenario.WaitUntilAsync(
            () => scenario.Restarts().Any(r => r.GetProperty("verified").ValueKind == JsonValueKind.True),
            TimeSpan.FromSeconds(60),
            "a verified restart in the state file");

        Assert.Equal(2, systemd.CountStarts(unit));
        var record = Assert.Single(scenario.Restarts());
        Assert.Equal("ChainDark", record.GetProperty("trigger").GetString());
        Assert.Equal("restarted", record.GetProperty("outcome").GetString());
        Assert.Equal("done", record.GetProperty("job_result").GetString());
        Assert.Contains("ServerError", record.GetProperty("failure_kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.StartsWith("all models failing", record.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var downtime = record.GetProperty("downtime_seconds").GetDouble();
        Assert.InRange(downtime, 0.5, 30);
        Assert.InRange(record.GetProperty("recovery_seconds").GetDouble(), 0, downtime);

        // The gateway was active throughout: the health check saw it and Guard said so in the state.
        var gateway = scenario.ReadState()!.Value.GetProperty("gateway");
        Assert.Equal(unit, gateway.GetProperty("unit").GetString());

        // The decision and the outcome are in the log file (one JSON record each), not only on the console.
        await scenario.WaitUntilAsync(() => scenario.LogRecords(3201).Count > 0, TimeSpan.FromSeconds(20), "the restart outcome in the log file");
        var decided = Assert.Single(scenario.LogRecords(3200));
        Assert.Equal(unit, decided.GetProperty("Unit").GetString());
        Assert.Equal("ChainDark", decided.GetProperty("Trigger").GetString());
        var outcome = Assert.Single(scenario.LogRecords(3201));
        Assert.Equal("restarted", outcome.GetProperty("Outcome").GetString());
        Assert.Equal("done", outcome.GetProperty("JobResult").GetString());
        Assert.True(outcome.GetProperty("Verified").GetBoolean());
        Assert.DoesNotContain(RecoveryScenario.Key, scenario.LogFileText(), StringComparison.Ordinal);

        // Healthy again: no further restart on the following rounds.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(2, systemd.CountStarts(unit));
    }
}
