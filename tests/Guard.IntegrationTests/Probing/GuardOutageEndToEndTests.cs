using System.Text.Json;
using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.Probing;

/// <summary>
/// The "done when", with the real guard process: the primary returns Gemini's real quota-exhausted 429,
/// the second answers 403, the third never answers, the fourth returns 503 overloaded.
/// </summary>
public sealed class GuardOutageEndToEndTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new();
    private ScriptedProviderServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedProviderServer.StartAsync();
        var quota = ScriptedResponse.Json(429, ProviderBodies.GeminiQuotaPerDay429);
        var forbidden = ScriptedResponse.Json(403,
            """{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}""");
        var overloaded = ScriptedResponse.Json(503, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");
        _server
            .On("GET", "/google/v1beta/models/gemini-3-flash", quota)
            .On("POST", "/google/v1beta/models/gemini-3-flash:generateContent", quota)
            .On("GET", "/openai/v1/models", forbidden)
            .On("POST", "/openai/v1/chat/completions", forbidden)
            .On("GET", "/moonshot/v1/users/me/balance", ScriptedResponse.Hang())
            .On("GET", "/moonshot/v1/models", ScriptedResponse.Hang())
            .On("POST", "/moonshot/v1/chat/completions", ScriptedResponse.Hang())
            .On("GET", "/anthropic/v1/models/claude-opus-4-5", overloaded)
            .On("POST", "/anthropic/v1/messages", overloaded);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    private (string ConfigPath, GuardProcessOptions Options) Configure()
    {
        var data = _home.Combine("data");
        var config = $$"""
            {
              "Guard": {
                "DataDirectory": "{{data}}",
                "Probe": { "Schedule": "*/2 * * * * *", "Timeout": "00:00:01", "FallbackDelay": "00:00:00" },
                "Recovery": { "Enabled": false },
                "OpenClaw": { "Discover": false, "HealthUrl": "" },
                "Models": [
                  { "Id": "google/gemini-3-flash", "BaseUrl": "{{_server.BaseUrl}}/google/v1beta", "ApiKeyEnv": "E2E_GEMINI_KEY" },
                  { "Id": "openai/gpt-4o-mini", "BaseUrl": "{{_server.BaseUrl}}/openai/v1", "ApiKeyEnv": "E2E_OPENAI_KEY" },
                  { "Id": "moonshot/kimi-k2.5", "BaseUrl": "{{_server.BaseUrl}}/moonshot/v1", "ApiKeyEnv": "E2E_MOONSHOT_KEY" },
                  { "Id": "anthropic/claude-opus-4-5", "BaseUrl": "{{_server.BaseUrl}}/anthropic", "ApiKeyEnv": "E2E_ANTHROPIC_KEY" }
                ]
              }
            }
            """;
        var path = _home.WriteFile("outage.json", config);
        var options = new GuardProcessOptions { Timeout = TimeSpan.FromSeconds(90) };
        options.Environment["HOME"] = _home.Path;
        options.Environment["XDG_CONFIG_HOME"] = _home.Combine("xdg");
        options.Environment["E2E_GEMINI_KEY"] = "e2e-gemini-key-1234567";
        options.Environment["E2E_OPENAI_KEY"] = "e2e-openai-key-1234567";
        options.Environment["E2E_MOONSHOT_KEY"] = "e2e-moonshot-key-1234567";
        options.Environment["E2E_ANTHROPIC_KEY"] = "e2e-anthropic-key-1234567";
        return (path, options);
    }

    [Fact]
    public async Task ProbeJson_ScriptedOutage_ReportsEachKindAndExits2()
    {
        var (config, options) = Configure();

        var result = await GuardProcess.RunAsync(["probe", "--json", "--config", config], options);

        Assert.True(result.ExitCode == 2, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var rows = json.RootElement.EnumerateArray().ToList();
        string? KindOf(string model) => rows.Last(r => r.GetProperty("model").GetString() == model).GetProperty("kind").GetString();
        Assert.Equal("QuotaExhausted", KindOf("google/gemini-3-flash"));
        Assert.Equal("Forbidden", KindOf("openai/gpt-4o-mini"));
        Assert.Equal("Timeout", KindOf("moonshot/kimi-k2.5"));
        Assert.Equal("Overloaded", KindOf("anthropic/claude-opus-4-5"));
        Assert.All(rows, r =>
        {
            Assert.False(r.GetProperty("ok").GetBoolean());
            foreach (var field in new[] { "provider", "api", "tier", "status", "latencyMs", "retryAfterSeconds", "message" })
            {
                Assert.True(r.TryGetProperty(field, out _), $"missing field {field}");
            }
        });
        Assert.DoesNotContain("e2e-gemini-key", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ScriptedOutage_ChainDarkAfterThreeRoundsVisibleInStatusAndPersisted()
    {
        var (config, options) = Configure();
        var stateFile = Path.Combine(_home.Combine("data"), ".api_health_state.json");

        await using (var guard = GuardProcess.Start(["run", "--config", config], options))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(75);
            while (!IsDark(stateFile) && DateTime.UtcNow < deadline && !guard.HasExited)
            {
                await Task.Delay(250);
            }

            Assert.True(IsDark(stateFile), $"chain never went dark; guard output:\n{guard.StandardError}");
            guard.Terminate();
            var exit = await guard.WaitForExitAsync();
            Assert.Equal(0, exit.ExitCode);
        }

        using var state = JsonDocument.Parse(File.ReadAllBytes(stateFile));
        var chain = state.RootElement.GetProperty("chain");
        Assert.True(chain.GetProperty("consecutive_dark_rounds").GetInt32() >= 3);
        var models = state.RootElement.GetProperty("models");
        Assert.Equal("QuotaExhausted", models.GetProperty("google/gemini-3-flash").GetProperty("last_failure_kind").GetString());
        Assert.Equal("Down", models.GetProperty("anthropic/claude-opus-4-5").GetProperty("health").GetString());
        Assert.True(models.GetProperty("moonshot/kimi-k2.5").GetProperty("consecutive_failures").GetInt32() >= 3);

        var status = await GuardProcess.RunAsync(["status", "--config", config], options);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("DARK", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("QuotaExhausted", status.StandardOutput, StringComparison.Ordinal);
    }

    private static bool IsDark(string stateFile)
    {
        try
        {
            using var state = JsonDocument.Parse(File.ReadAllBytes(stateFile));
            return state.RootElement.GetProperty("chain").TryGetProperty("is_dark", out var dark) && dark.GetBoolean();
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return false;
        }
    }
}
