using Guard.IntegrationTests.Probing;
using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.Recovery;

/// <summary>When a restart cannot help, Guard does not restart and records why, once.</summary>
[Collection(RealSystemdCollection.Name)]
public sealed class RestartRefusalTests(SystemdUserManagerFixture systemd) : IClassFixture<SystemdUserManagerFixture>
{
    private const string OpenAiInsufficientQuota =
        """{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""";

    [SystemdFact]
    public async Task A_quota_only_outage_gets_no_restart_and_one_would_not_help_record_with_the_reset_time()
    {
        const string unit = "fake-gateway-quota.service";
        systemd.WriteFakeGateway(unit);
        await systemd.DaemonReloadAsync();
        await systemd.StartUnitAsync(unit);

        await using var scenario = await RecoveryScenario.StartAsync(systemd, unit);
        scenario.Server.On("GET", "/gemini-3-flash/v1beta/models/gemini-3-flash", ScriptedResponse.Json(429, ProviderBodies.GeminiQuotaPerDay429));
        scenario.Server.On("GET", "/gpt-4o-mini/v1/models", ScriptedResponse.Json(429, OpenAiInsufficientQuota));
        scenario.WriteConfig(
            [scenario.GeminiModel("gemini-3-flash"), scenario.OpenAiModel("openai", "gpt-4o-mini")],
            new { AllFailedRounds = 2, MaxRestarts = 3, MinSpacing = "00:00:15" });
        scenario.StartGuard();

        await scenario.WaitUntilAsync(() => scenario.Restarts().Count > 0, TimeSpan.FromSeconds(60), "a recorded decision");

        // Several more dark rounds: still the one record, still the first start only.
        var darkRounds = scenario.ReadState()!.Value.GetProperty("chain").GetProperty("consecutive_dark_rounds").GetInt32();
        await scenario.WaitUntilAsync(
            () => scenario.ReadState()!.Value.GetProperty("chain").GetProperty("consecutive_dark_rounds").GetInt32() >= darkRounds + 3,
            TimeSpan.FromSeconds(60),
            "three more dark rounds");
        Assert.Equal(1, systemd.CountStarts(unit));
        var record = Assert.Single(scenario.Restarts());
        Assert.Equal("skipped", record.GetProperty("outcome").GetString());
        Assert.Equal("ChainDark", record.GetProperty("trigger").GetString());
        var reason = record.GetProperty("reason").GetString()!;
        Assert.StartsWith("restart would not help", reason, StringComparison.Ordinal);
        Assert.Contains("google/gemini-3-flash QuotaExhausted until 20", reason, StringComparison.Ordinal);
        Assert.Contains("openai/gpt-4o-mini QuotaExhausted", reason, StringComparison.Ordinal);
        Assert.Equal(["QuotaExhausted"], record.GetProperty("failure_kinds").EnumerateArray().Select(k => k.GetString()).Distinct());
        Assert.Contains("Not restarting", scenario.Guard.StandardError + scenario.Guard.StandardOutput, StringComparison.Ordinal);
    }

    [SystemdFact]
    public async Task A_gateway_that_exited_78_is_not_restarted_and_the_record_says_78()
    {
        const string unit = "fake-gateway-78.service";
        systemd.WriteExitingGateway(unit, 78);
        await systemd.DaemonReloadAsync();
        await systemd.StartUnitAsync(unit);

        await using var scenario = await RecoveryScenario.StartAsync(systemd, unit);
        scenario.Server.On("GET", "/model-a/v1/models", ScriptedResponse.Json(503, """{"error":{"message":"no healthy upstream"}}"""));
        scenario.WriteConfig(
            [scenario.OpenAiModel("testprov", "model-a")],
            new { AllFailedRounds = 2, MaxRestarts = 3, MinSpacing = "00:00:15", HealthCheckInterval = "00:00:05" });
        scenario.StartGuard();

        await scenario.WaitUntilAsync(() => scenario.Restarts().Count > 0, TimeSpan.FromSeconds(60), "a recorded decision");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(1, systemd.CountStarts(unit));
        Assert.Equal("failed", (await systemd.ShowAsync(unit, "ActiveState"))["ActiveState"]);
        var record = Assert.Single(scenario.Restarts());
        Assert.Equal("skipped", record.GetProperty("outcome").GetString());
        Assert.Contains("status 78", record.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // The health check reported the dead unit with its result.
        var gateway = scenario.ReadState()!.Value.GetProperty("gateway");
        Assert.Equal("failed", gateway.GetProperty("active_state").GetString());
        Assert.Equal("exit-code", gateway.GetProperty("result").GetString());
        Assert.Equal(78, gateway.GetProperty("exec_main_status").GetInt32());
        Assert.Contains($"Gateway {unit} is not running", scenario.Guard.StandardError + scenario.Guard.StandardOutput, StringComparison.Ordinal);

        // guard restart-gateway refuses too, dry or not, and exits 1.
        var dry = await scenario.RunGuardAsync("restart-gateway", "--dry-run");
        Assert.Equal(1, dry.ExitCode);
        Assert.Contains("status 78", dry.StandardOutput, StringComparison.Ordinal);
        var manual = await scenario.RunGuardAsync("restart-gateway");
        Assert.Equal(1, manual.ExitCode);
        Assert.Contains("Refused", manual.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, systemd.CountStarts(unit));
    }
}
