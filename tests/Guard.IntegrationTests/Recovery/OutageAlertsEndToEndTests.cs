using System.Text.Json;
using Guard.IntegrationTests.Alerts.Emulators;
using Guard.IntegrationTests.Probing;
using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.Recovery;

/// <summary>
/// The alerts issue's "done when", on the recovery issue's end-to-end outage: a Feishu-compatible endpoint receives
/// one correctly signed ChainDark, one GatewayRestarted and one ChainRecovered message; the alert file lists the
/// firing alerts while the chain is dark and is empty after recovery.
/// </summary>
[Collection(RealSystemdCollection.Name)]
public sealed class OutageAlertsEndToEndTests(SystemdUserManagerFixture systemd) : IClassFixture<SystemdUserManagerFixture>
{
    private const string Secret = "e2e-feishu-signing-secret-7f3a";
    private static readonly ScriptedResponse ServerError = ScriptedResponse.Json(500, """{"error":{"message":"upstream connect error","type":"server_error"}}""");

    [SystemdFact]
    public async Task Dark_chain_restart_and_recovery_reach_Feishu_signed_once_each_and_the_alert_file_follows()
    {
        const string unit = "fake-gateway-alerts.service";
        systemd.WriteFakeGateway(unit);
        await systemd.DaemonReloadAsync();
        await systemd.StartUnitAsync(unit);
        await using var feishu = await FeishuEmulator.StartAsync("e2e-hook-token-9c2d", Secret);
        await using var scenario = await RecoveryScenario.StartAsync(systemd, unit);
        foreach (var name in new[] { "model-a", "model-b" })
        {
            scenario.Server.On("GET", $"/{name}/v1/models", _ => systemd.CountStarts(unit) > 1
                ? ScriptedResponse.Json(200, ProviderBodies.OpenAiModelsList(name))
                : ServerError);
        }

        scenario.ExtraEnvironment["E2E_FEISHU_SECRET"] = Secret;
        scenario.WriteConfig(
            [scenario.OpenAiModel("testprov", "model-a"), scenario.OpenAiModel("testprov", "model-b")],
            new { AllFailedRounds = 2, MaxRestarts = 3, MinSpacing = "00:00:15", VerifyTimeout = "00:00:10" },
            alerts: new { Channels = new[] { new { Name = "owner", Type = "Feishu", Url = feishu.HookUrl, SecretEnv = "E2E_FEISHU_SECRET" } } });

        // Watch the alert file from the start: the dark period may last only a few seconds.
        var alertFile = Path.Combine(scenario.DataDirectory, ".api_health_alert.json");
        using var stop = new CancellationTokenSource();
        var sawChainDarkInFile = false;
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (ReadAlerts(alertFile) is { } alerts && alerts.Any(a => a.Contains("ChainDark", StringComparison.Ordinal)))
                {
                    sawChainDarkInFile = true;
                }

                await Task.Delay(20);
            }
        });

        scenario.StartGuard();
        await scenario.WaitUntilAsync(() => Kinds(feishu).Contains("ChainRecovered"), TimeSpan.FromSeconds(60), "a ChainRecovered message at Feishu");
        await Task.Delay(TimeSpan.FromSeconds(3)); // anything sent twice would arrive by now
        await stop.CancelAsync();
        await watcher;

        var kinds = Kinds(feishu);
        var titles = "messages: " + string.Join(" | ", feishu.Requests.Select(r => Title(r.Body)));
        Assert.True(kinds.Count(k => k == "ChainDark") == 1, titles);
        Assert.True(kinds.Count(k => k == "GatewayRestarted") == 1, titles);
        Assert.True(kinds.Count(k => k == "ChainRecovered") == 1, titles);
        // ChainDark first. The restart notice carries the verification result, so it is sent after the verification
        // round, whose ChainRecovered may be queued just before it.
        Assert.True(kinds.IndexOf("ChainDark") < kinds.IndexOf("GatewayRestarted") && kinds.IndexOf("ChainDark") < kinds.IndexOf("ChainRecovered"), titles);
        foreach (var request in feishu.Requests)
        {
            // Checked here with the documented algorithm, independently of the emulator and of Guard's signer.
            var body = request.Json();
            var timestamp = body.GetProperty("timestamp").GetString()!;
            Assert.Equal(FeishuEmulator.ExpectedSign(timestamp, Secret), body.GetProperty("sign").GetString());
            Assert.DoesNotContain(Secret, request.Body, StringComparison.Ordinal);
        }

        Assert.True(sawChainDarkInFile, "the alert file never listed ChainDark while the chain was dark");
        Assert.Equal([], ReadAlerts(alertFile));
    }

    /// <summary>The event kind of each Feishu message, in arrival order (the default titles carry the English kind name).</summary>
    private static List<string> Kinds(FeishuEmulator feishu) =>
        feishu.Requests.Select(r => Title(r.Body))
            .Select(b => new[] { "ChainDark", "GatewayRestarted", "ChainRecovered", "ModelDown", "ModelRecovered", "RestartSkipped" }
                .FirstOrDefault(k => b.Contains(k, StringComparison.Ordinal)) ?? "other")
            .ToList();

    private static string Title(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("card", out var card)
            ? card.GetProperty("header").GetProperty("title").GetProperty("content").GetString() ?? ""
            : body;
    }

    private static List<string>? ReadAlerts(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetRawText()).ToList();
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }
}
