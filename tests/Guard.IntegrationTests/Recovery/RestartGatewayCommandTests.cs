using System.Text.Json;
using Guard.IntegrationTests.Probing;
using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.Recovery;

/// <summary><c>guard restart-gateway [--dry-run]</c> against a real user manager, next to a running service.</summary>
[Collection(RealSystemdCollection.Name)]
public sealed class RestartGatewayCommandTests(SystemdUserManagerFixture systemd) : IClassFixture<SystemdUserManagerFixture>
{
    [SystemdFact]
    public async Task Manual_restart_is_budgeted_verified_printed_and_survives_the_running_service_rewriting_its_state()
    {
        const string unit = "fake-gateway-manual.service";
        systemd.WriteFakeGateway(unit);
        await systemd.DaemonReloadAsync();
        await systemd.StartUnitAsync(unit);

        await using var scenario = await RecoveryScenario.StartAsync(systemd, unit);
        scenario.Server.On("GET", "/model-a/v1/models", ScriptedResponse.Json(200, ProviderBodies.OpenAiModelsList("model-a")));
        scenario.WriteConfig(
            [scenario.OpenAiModel("testprov", "model-a")],
            // Spacing long enough that a loaded machine cannot outlast it between the two manual restarts.
            new { MaxRestarts = 3, MinSpacing = "00:10:00", HealthCheckInterval = "00:00:05" });
        scenario.StartGuard();
        await scenario.WaitUntilAsync(() => scenario.ReadState() is { } s && s.GetProperty("chain").GetProperty("rounds").GetInt64() >= 2,
            TimeSpan.FromSeconds(60), "the service's first rounds");

        var dry = await scenario.RunGuardAsync("restart-gateway", "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains($"Unit       {unit}: load loaded, active/running, result success", dry.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Budget     0/3 restarts used in the last 01:00:00; next allowed now; manual intervention no", dry.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("a restart is allowed now", dry.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, systemd.CountStarts(unit));

        var manual = await scenario.RunGuardAsync("restart-gateway");
        Assert.True(manual.ExitCode == 0, manual.ToString());
        Assert.Equal(2, systemd.CountStarts(unit));
        Assert.Contains("Restart    job done, unit active/running, health URL not configured", manual.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Verify     1/1 models answer: testprov/model-a", manual.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Result     restarted, verified yes", manual.StandardOutput, StringComparison.Ordinal);

        // The service keeps saving its own state; the manual record reaches it (merged from the command's log) and stays.
        bool HasManualRecord() => scenario.Restarts().Any(r => r.GetProperty("trigger").GetString() == "Manual"
            && r.GetProperty("verified").ValueKind == JsonValueKind.True && r.GetProperty("job_result").GetString() == "done");
        var rounds = scenario.ReadState()!.Value.GetProperty("chain").GetProperty("rounds").GetInt64();
        await scenario.WaitUntilAsync(() => scenario.ReadState()!.Value.GetProperty("chain").GetProperty("rounds").GetInt64() >= rounds + 3,
            TimeSpan.FromSeconds(60), "more service saves");
        Assert.True(HasManualRecord(), scenario.Describe());

        // Spacing applies to manual restarts too.
        var again = await scenario.RunGuardAsync("restart-gateway");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("Refused    restart spacing", again.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, systemd.CountStarts(unit));
    }
}
