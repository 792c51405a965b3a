using Guard.Drill;
using Guard.IntegrationTests.Infrastructure;
using Guard.IntegrationTests.Probing;

namespace Guard.IntegrationTests.Drill;

/// <summary><c>guard drill auth</c> as the real process against scripted providers that refuse the corrupted key.</summary>
public sealed class DrillAuthTests : IAsyncLifetime
{
    private const string RealKey = "sk-real-key-that-must-never-be-sent-123456";
    private readonly TempDirectory _home = new();
    private ScriptedProviderServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedProviderServer.StartAsync();
        _server
            .On("GET", "/alpha/v1/models", ScriptedResponse.Json(401,
                """{"error":{"message":"Incorrect API key provided: sk-guard***0000.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""))
            .On("GET", "/bravo/v1/models", ScriptedResponse.Json(403,
                """{"error":{"message":"Access denied","type":"permission_error","param":null,"code":"forbidden"}}"""))
            .On("GET", "/charlie/v1/models", ScriptedResponse.Json(500,
                """{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}"""));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task DrillAuth_ProvidersRefuseTheCorruptedKey_PassesAndNeverSendsTheRealKey()
    {
        var result = await RunAsync("alpha", "bravo");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"PASS\s+openai/drill-alpha\s+reach\s+401\s+AuthFailed as expected", result.StandardOutput);
        Assert.Matches(@"PASS\s+openai/drill-bravo\s+reach\s+403\s+Forbidden as expected", result.StandardOutput);
        Assert.Contains("2 of 2 models", result.StandardOutput, StringComparison.Ordinal);
        var sent = _server.Requests.Select(r => r.Header("Authorization")).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, header => Assert.Equal("Bearer " + CorruptedApiKeySource.Key, header));
        Assert.DoesNotContain(_server.Requests, r => r.Body.Contains(RealKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DrillAuth_OneProviderAnswers500_ThatModelFailsAsMisclassifiedAndExit1()
    {
        var result = await RunAsync("alpha", "charlie");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"PASS\s+openai/drill-alpha", result.StandardOutput);
        Assert.Matches(@"FAIL\s+openai/drill-charlie\s+reach\s+500\s+misclassified: ServerError", result.StandardOutput);
        Assert.Contains("1 of 2 models", result.StandardOutput, StringComparison.Ordinal);
    }

    private Task<GuardProcessResult> RunAsync(params string[] providers)
    {
        var models = string.Join(",", providers.Select(p =>
            $$"""{ "Id": "openai/drill-{{p}}", "BaseUrl": "{{_server.BaseUrl}}/{{p}}/v1", "ApiKeyEnv": "DRILL_REAL_KEY", "Tiers": ["Reach"] }"""));
        var config = _home.WriteFile("drill.json", $$"""
            { "Guard": { "DataDirectory": "{{_home.Combine("data")}}", "Probe": { "Timeout": "00:00:03" },
                         "OpenClaw": { "Discover": false }, "Models": [ {{models}} ] } }
            """);
        var options = new GuardProcessOptions { Timeout = TimeSpan.FromSeconds(60) };
        options.Environment["HOME"] = _home.Path;
        options.Environment["XDG_CONFIG_HOME"] = _home.Combine("xdg");
        options.Environment["DRILL_REAL_KEY"] = RealKey;
        return GuardProcess.RunAsync(["drill", "auth", "--config", config], options);
    }
}
