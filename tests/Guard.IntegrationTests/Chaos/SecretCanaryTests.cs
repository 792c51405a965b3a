using System.Net;
using System.Net.Sockets;
using System.Text;
using Guard.IntegrationTests.Alerts.Emulators;
using Guard.IntegrationTests.Infrastructure;
using Guard.IntegrationTests.Probing;

namespace Guard.IntegrationTests.Chaos;

/// <summary>
/// Chaos: canary secrets configured as provider keys, a webhook URL token, a signing secret and a bearer token —
/// one provider even echoes the key back in its 401, as OpenAI does — must not appear anywhere Guard writes:
/// stdout, stderr, every file under the data directory (state, outbox, alert file, logs), alert bodies, /metrics.
/// </summary>
public sealed class SecretCanaryTests : IAsyncLifetime
{
    private const string KeyCanary = "sk-CANARYkey0a1b2c3d4e5f6g7h8i9j";
    private const string SecondKeyCanary = "CANARYsecondKey77Qx9Lm";
    private const string UrlTokenCanary = "CANARYurlToken5Vb8Nw";
    private const string SigningCanaryBytes = "CANARYsigningSecret3Jk";
    private const string BearerCanary = "CANARYbearer2Hf6Td";
    private static readonly string SigningCanary = "whsec_" + Convert.ToBase64String(Encoding.ASCII.GetBytes(SigningCanaryBytes));
    private static readonly string[] Canaries = [KeyCanary, SecondKeyCanary, UrlTokenCanary, SigningCanary, SigningCanaryBytes, BearerCanary];

    private readonly TempDirectory _home = new();
    private ScriptedProviderServer _providers = null!;
    private WebhookReceiver _webhook = null!;

    public async Task InitializeAsync()
    {
        _providers = await ScriptedProviderServer.StartAsync();
        var echo = ScriptedResponse.Json(401,
            "{\"error\":{\"message\":\"Incorrect API key provided: " + KeyCanary + ". You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
        var echoSecond = ScriptedResponse.Text(500, $"upstream said: bad header Authorization: Bearer {SecondKeyCanary}");
        _providers
            .On("GET", "/one/v1/models", echo)
            .On("POST", "/one/v1/chat/completions", echo)
            .On("GET", "/two/v1/models", echoSecond)
            .On("POST", "/two/v1/chat/completions", echoSecond);
        _webhook = await WebhookReceiver.StartAsync(SigningCanary, BearerCanary);
    }

    public async Task DisposeAsync()
    {
        await _webhook.DisposeAsync();
        await _providers.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Canaries_NeverLeaveTheirHeaders()
    {
        var data = _home.Combine("data");
        var metricsPort = FreePort();
        var config = _home.WriteFile("canary.json", $$"""
            {
              "Guard": {
                "DataDirectory": "{{data}}",
                "Probe": { "Schedule": "*/1 * * * * *", "Timeout": "00:00:01", "FallbackDelay": "00:00:00" },
                "Recovery": { "Enabled": false },
                "OpenClaw": { "Discover": false, "HealthUrl": "" },
                "Metrics": { "Enabled": true, "Port": {{metricsPort}} },
                "Logging": { "MinimumLevel": "Trace" },
                "Alerts": { "Channels": [ { "Name": "hook", "Type": "Webhook", "UrlEnv": "CANARY_HOOK_URL", "SecretEnv": "CANARY_HOOK_SECRET", "TokenEnv": "CANARY_HOOK_TOKEN" } ] },
                "Models": [
                  { "Id": "one/gpt-4o-mini", "Api": "openai-completions", "BaseUrl": "{{_providers.BaseUrl}}/one/v1", "ApiKeyEnv": "CANARY_KEY_ONE" },
                  { "Id": "two/glm-4.7", "Api": "openai-completions", "BaseUrl": "{{_providers.BaseUrl}}/two/v1", "ApiKeyEnv": "CANARY_KEY_TWO" }
                ]
              }
            }
            """);
        var options = new GuardProcessOptions { Timeout = TimeSpan.FromSeconds(60) };
        options.Environment["HOME"] = _home.Path;
        options.Environment["XDG_CONFIG_HOME"] = _home.Combine("xdg");
        options.Environment["CANARY_KEY_ONE"] = KeyCanary;
        options.Environment["CANARY_KEY_TWO"] = SecondKeyCanary;
        options.Environment["CANARY_HOOK_URL"] = $"{_webhook.Url}?token={UrlTokenCanary}";
        options.Environment["CANARY_HOOK_SECRET"] = SigningCanary;
        options.Environment["CANARY_HOOK_TOKEN"] = BearerCanary;

        var probe = await GuardProcess.RunAsync(["probe", "--json", "--config", config], options);
        Assert.True(probe.ExitCode == 2, probe.ToString());
        var outputs = new List<(string Where, string Text)> { ("probe stdout", probe.StandardOutput), ("probe stderr", probe.StandardError) };

        string metrics;
        await using (var guard = GuardProcess.Start(["run", "--config", config], options))
        {
            await _webhook.WaitForRequestsAsync(1, TimeSpan.FromSeconds(40));
            using var http = new HttpClient();
            metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
            guard.Terminate();
            var exit = await guard.WaitForExitAsync();
            outputs.Add(("run stdout", exit.StandardOutput));
            outputs.Add(("run stderr", exit.StandardError));
        }

        outputs.Add(("/metrics", metrics));
        outputs.AddRange(_webhook.Requests.Select(r => ("alert body", r.Body + r.Path + r.RawQuery.Replace(UrlTokenCanary, "", StringComparison.Ordinal))));
        var files = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).ToList();
        outputs.AddRange(files.Select(f => (f, File.ReadAllText(f))));

        // The test must have exercised what it claims to: a state file, an outbox, logs, alerts, metrics.
        Assert.Contains(files, f => f.EndsWith(".api_health_state.json", StringComparison.Ordinal));
        Assert.True(files.Count >= 3, "expected state, outbox/alert file and a log under the data directory: " + string.Join(", ", files));
        Assert.NotEmpty(_webhook.Requests);
        Assert.Contains("guard_", metrics, StringComparison.Ordinal);
        Assert.Contains("AuthFailed", probe.StandardOutput, StringComparison.Ordinal);

        var leaks = outputs
            .SelectMany(o => Canaries.Where(c => o.Text.Contains(c, StringComparison.Ordinal)).Select(c => $"{c} in {o.Where}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
