using System.Globalization;
using System.Text.Json;
using Guard.IntegrationTests.Alerts.Emulators;
using Guard.IntegrationTests.Probing;
using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.Recovery;

/// <summary>
/// The OpenClaw issue's "done when", second half, end to end: providers healthy, the gateway's own log starts saying
/// "All models failed" → one GatewayStuck restart of the real unit (new MainPID, one budget entry) and one alert at a
/// Feishu emulator; more such lines within the window restart nothing and alert nothing.
/// </summary>
[Collection(RealSystemdCollection.Name)]
public sealed class GatewayStuckEndToEndTests(SystemdUserManagerFixture systemd) : IClassFixture<SystemdUserManagerFixture>
{
    private const int K = 3;

    [SystemdFact]
    public async Task All_models_failed_K_times_while_probes_are_healthy_restarts_the_gateway_once_and_alerts_once()
    {
        const string unit = "fake-gateway-stuck.service";
        systemd.WriteFakeGateway(unit);
        await systemd.DaemonReloadAsync();
        await systemd.StartUnitAsync(unit);
        await using var feishu = await FeishuEmulator.StartAsync("stuck-hook-token-4b1e");
        await using var scenario = await RecoveryScenario.StartAsync(systemd, unit);
        foreach (var name in new[] { "model-a", "model-b" })
        {
            scenario.Server.On("GET", $"/{name}/v1/models", _ => ScriptedResponse.Json(200, ProviderBodies.OpenAiModelsList(name)));
        }

        var logDirectory = Path.Combine(scenario.Root, "openclaw-logs");
        Directory.CreateDirectory(logDirectory);
        var gatewayLog = Path.Combine(logDirectory, $"openclaw-{DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.log");
        File.WriteAllText(gatewayLog, "");
        scenario.ExtraEnvironment["Guard__OpenClaw__LogDirectory"] = logDirectory;
        scenario.ExtraEnvironment["Guard__OpenClaw__StuckFailures"] = K.ToString(CultureInfo.InvariantCulture);
        scenario.WriteConfig(
            [scenario.OpenAiModel("testprov", "model-a"), scenario.OpenAiModel("testprov", "model-b")],
            new { MaxRestarts = 3, VerifyTimeout = "00:00:10" },
            alerts: new { Channels = new[] { new { Name = "owner", Type = "Feishu", Url = feishu.HookUrl } } });

        scenario.StartGuard();
        await scenario.WaitUntilAsync(() => scenario.ReadState() is { } s && s.GetProperty("chain").GetProperty("usable_models").GetArrayLength() == 2,
            TimeSpan.FromSeconds(30), "a healthy round");
        var pidBefore = (await systemd.ShowAsync(unit, "MainPID"))["MainPID"];
        var startsBefore = systemd.CountStarts(unit);

        // K failed turns, 40 s apart (lines of one turn within 30 s count once): the last one just now.
        for (var i = 0; i < K; i++)
        {
            File.AppendAllText(gatewayLog, AllModelsFailed(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(40 * (K - 1 - i))) + "\n");
        }

        await scenario.WaitUntilAsync(() => scenario.Restarts().Any(r => r.GetProperty("outcome").GetString() == "restarted"),
            TimeSpan.FromSeconds(30), "a GatewayStuck restart");
        await scenario.WaitUntilAsync(() => Titles(feishu).Any(t => t.Contains("GatewayRestarted", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), "the restart alert");

        // More of the same within the window (the lines a user's retries produce right after the restart).
        for (var i = 0; i < 2 * K; i++)
        {
            File.AppendAllText(gatewayLog, AllModelsFailed(DateTimeOffset.UtcNow) + "\n");
        }

        await Task.Delay(TimeSpan.FromSeconds(6)); // three watcher polls and a few probe rounds

        var restart = Assert.Single(scenario.Restarts());
        Assert.Equal("GatewayStuck", restart.GetProperty("trigger").GetString());
        Assert.Equal("restarted", restart.GetProperty("outcome").GetString());
        Assert.Equal(startsBefore + 1, systemd.CountStarts(unit));
        Assert.NotEqual(pidBefore, (await systemd.ShowAsync(unit, "MainPID"))["MainPID"]);
        var titles = Titles(feishu);
        Assert.True(titles.Count == 1, "messages: " + string.Join(" | ", titles) + "\n" + scenario.Describe());
        Assert.Contains("GatewayRestarted", titles[0], StringComparison.Ordinal);
    }

    private static string AllModelsFailed(DateTimeOffset at)
    {
        var time = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        // OpenClaw's JSON log line shape (shared/reference/openclaw.md; the parser tests' GatewayLogLines).
        return $$"""{"0":"Embedded agent failed before reply: All models failed (2): testprov/model-a: LLM request timed out. (timeout) | testprov/model-b: FailoverError: 503 status code (no body) (unknown)","_meta":{"runtime":"node","logLevelId":5,"logLevelName":"ERROR","date":"{{time}}","name":"{\"subsystem\":\"agents\"}"},"time":"{{time}}"}""";
    }

    private static List<string> Titles(FeishuEmulator feishu) =>
        [.. feishu.Requests.Select(r =>
        {
            using var document = JsonDocument.Parse(r.Body);
            return document.RootElement.TryGetProperty("card", out var card)
                ? card.GetProperty("header").GetProperty("title").GetProperty("content").GetString() ?? ""
                : r.Body;
        })];
}
