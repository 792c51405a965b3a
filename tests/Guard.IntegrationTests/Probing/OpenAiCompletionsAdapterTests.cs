using System.Text.Json;
using Guard.Configuration;
using Guard.Probing;

namespace Guard.IntegrationTests.Probing;

public sealed class OpenAiCompletionsAdapterTests : IAsyncLifetime
{
    private ProbeHarness _h = null!;

    public async Task InitializeAsync() => _h = await ProbeHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Reach_ListedModel_IsOkWithBearerKeyAndNoCompletion()
    {
        _h.Server.On("GET", "/v1/models", ScriptedResponse.Json(200, ProviderBodies.OpenAiModelsList("gpt-4o-mini", "o3-mini"),
            ("x-request-id", "req_abc123"), ("x-ratelimit-remaining-requests", "4999"), ("x-ratelimit-reset-requests", "12ms")));

        var result = await _h.ProbeAsync(Model("openai", "gpt-4o-mini"), ProbeTier.Reach);

        Assert.True(result.Ok, result.Message);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal("req_abc123", result.RequestId);
        Assert.Equal("4999", result.RateLimitHeaders["x-ratelimit-remaining-requests"]);
        var request = Assert.Single(_h.Server.Requests);
        Assert.Equal("Bearer " + ProbeHarness.Key, request.Header("Authorization"));
        Assert.StartsWith("guard/", request.Header("User-Agent"), StringComparison.Ordinal);
        Assert.DoesNotContain(_h.Server.Requests, r => r.Method == "POST");
        _h.AssertKeyNeverLeaked(result);
    }

    [Fact]
    public async Task Reach_ModelListLargerThanTheCap_IsNotUsable_EvenWithTheModelListedFirst()
    {
        // Issue 14: a 200 list that never ends (or exceeds the cap) proved "usable". The model is the first entry,
        // then the list runs past the cap: cut off, so Unknown with a reason, never healthy.
        var entries = string.Join(",", Enumerable.Range(0, 150_000).Select(i => $$"""{"id":"filler-model-{{i}}","object":"model"}"""));
        _h.Server.On("GET", "/v1/models", ScriptedResponse.Json(200, $$"""{"object":"list","data":[{"id":"gpt-4o-mini","object":"model"},{{entries}}]}"""));

        var result = await _h.ProbeAsync(Model("openai", "gpt-4o-mini"), ProbeTier.Reach);

        Assert.False(result.Ok);
        Assert.Equal(FailureKind.Unknown, result.Kind);
        Assert.Contains("did not end within", result.Message, StringComparison.Ordinal);
        Assert.Equal("models.body", result.Rule);
    }

    [Fact]
    public async Task Reach_ModelMissingFromCompleteList_IsModelNotFound()
    {
        _h.Server.On("GET", "/v1/models", ScriptedResponse.Json(200, ProviderBodies.OpenAiModelsList("gpt-4o-mini")));

        var result = await _h.ProbeAsync(Model("openai", "gpt-9"), ProbeTier.Reach);

        Assert.Equal(FailureKind.ModelNotFound, result.Kind);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Deep_OneTokenCompletion_IsOkAndSendsMinimalBody()
    {
        _h.Server.On("POST", "/v1/chat/completions", ScriptedResponse.Json(200, ProviderBodies.ChatCompletionLength("gpt-4o-mini")));

        var result = await _h.ProbeAsync(Model("openai", "gpt-4o-mini"), ProbeTier.Deep);

        Assert.True(result.Ok, result.Message);
        Assert.Equal("finish_reason length", result.Message);
        var request = Assert.Single(_h.Server.Requests);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("gpt-4o-mini", body.RootElement.GetProperty("model").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.False(body.RootElement.GetProperty("stream").GetBoolean());
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("Bearer " + ProbeHarness.Key, request.Header("Authorization"));
        Assert.Single(_h.StepLogs);
    }

    [Fact]
    public async Task Deep_ReasoningModel_UsesMaxCompletionTokens()
    {
        _h.Server.On("POST", "/v1/chat/completions", ScriptedResponse.Json(200, ProviderBodies.ChatCompletionLength("o3-mini")));

        await _h.ProbeAsync(Model("openai", "o3-mini"), ProbeTier.Deep);

        using var body = JsonDocument.Parse(_h.Server.Requests[0].Body);
        Assert.Equal(1, body.RootElement.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("max_tokens", out _));
    }

    [Fact]
    public async Task Deep_Zhipu_DisablesThinkingOnItsPath()
    {
        _h.Server.On("POST", "/api/paas/v4/chat/completions", ScriptedResponse.Json(200, ProviderBodies.ChatCompletionLength("glm-4.7")));

        var result = await _h.ProbeAsync(_h.Model("zhipu", ApiKinds.OpenAiCompletions, "glm-4.7", "/api/paas/v4"), ProbeTier.Deep);

        Assert.True(result.Ok, result.Message);
        using var body = JsonDocument.Parse(_h.Server.Requests[0].Body);
        Assert.Equal("disabled", body.RootElement.GetProperty("thinking").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Reach_MoonshotZeroBalance_IsQuotaExhaustedWithoutListing()
    {
        _h.Server.On("GET", "/v1/users/me/balance", ScriptedResponse.Json(200, ProviderBodies.MoonshotBalance(0)));
        _h.Server.On("GET", "/v1/models", ScriptedResponse.Json(200, ProviderBodies.OpenAiModelsList("kimi-k2.6")));

        var result = await _h.ProbeAsync(Model("moonshot", "kimi-k2.6"), ProbeTier.Reach);

        Assert.Equal(FailureKind.QuotaExhausted, result.Kind);
        Assert.Contains("available_balance", result.Message, StringComparison.Ordinal);
        Assert.Single(_h.Server.Requests);
    }

    [Fact]
    public async Task Reach_MoonshotWithBalance_ChecksBalanceThenModels_OneLogPerRequest()
    {
        _h.Server.On("GET", "/v1/users/me/balance", ScriptedResponse.Json(200, ProviderBodies.MoonshotBalance(49.58894m)));
        _h.Server.On("GET", "/v1/models", ScriptedResponse.Json(200, ProviderBodies.OpenAiModelsList("kimi-k2.6")));

        var result = await _h.ProbeAsync(Model("moonshot", "kimi-k2.6"), ProbeTier.Reach);

        Assert.True(result.Ok, result.Message);
        Assert.Equal(["/v1/users/me/balance", "/v1/models"], _h.Server.Requests.Select(r => r.Path));
        Assert.Equal(2, _h.StepLogs.Count);
        Assert.All(_h.StepLogs, l => Assert.Equal("moonshot/kimi-k2.6", l.Properties["ModelId"]));
    }

    [Fact]
    public async Task Reach_OpenRouterKeyExhausted_IsQuotaExhausted()
    {
        _h.Server.On("GET", "/api/v1/key", ScriptedResponse.Json(200, ProviderBodies.OpenRouterKey(0)));

        var result = await _h.ProbeAsync(_h.Model("openrouter", ApiKinds.OpenAiCompletions, "openai/gpt-4o-mini", "/api/v1"), ProbeTier.Reach);

        Assert.Equal(FailureKind.QuotaExhausted, result.Kind);
        Assert.DoesNotContain(_h.Server.Requests, r => r.Path.EndsWith("/models", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reach_OpenRouterBadKey_IsAuthFailed()
    {
        _h.Server.On("GET", "/api/v1/key", ScriptedResponse.Json(401, """{"error":{"message":"No auth credentials found","code":401}}"""));

        var result = await _h.ProbeAsync(_h.Model("openrouter", ApiKinds.OpenAiCompletions, "openai/gpt-4o-mini", "/api/v1"), ProbeTier.Reach);

        Assert.Equal(FailureKind.AuthFailed, result.Kind);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Deep_ErrorObjectInside200_IsFailure()
    {
        _h.Server.On("POST", "/api/v1/chat/completions", ScriptedResponse.Json(200,
            """{"id":"gen-1770890400-abc","object":"chat.completion","error":{"code":400,"message":"Provider returned error","metadata":{"provider_name":"Azure","raw":"max_output_tokens too small"}}}"""));

        var result = await _h.ProbeAsync(_h.Model("openrouter", ApiKinds.OpenAiCompletions, "openai/gpt-5", "/api/v1"), ProbeTier.Deep);

        Assert.False(result.Ok);
        Assert.Equal(FailureKind.BadRequest, result.Kind);
        Assert.Equal(200, result.HttpStatus);
    }

    [Fact]
    public async Task Deep_Overloaded503_IsRetriedOnceAndStaysOverloaded()
    {
        _h.Server.On("POST", "/v1/chat/completions", ScriptedResponse.Json(503, ProviderBodies.OpenAiOverloaded503));

        var result = await _h.ProbeAsync(Model("openai", "gpt-4o-mini"), ProbeTier.Deep);

        Assert.Equal(FailureKind.Overloaded, result.Kind);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, _h.Server.Requests.Count);
        Assert.Equal(2, _h.StepLogs.Count);
        Assert.All(_h.StepLogs, l => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, l.Level));
    }

    [Fact]
    public async Task Deep_RateLimited429_IsNotRetriedAndKeepsRetryAfter()
    {
        _h.Server.On("POST", "/v1/chat/completions", ScriptedResponse.Json(429, ProviderBodies.OpenAiRateLimit429, ("Retry-After", "17")));

        var result = await _h.ProbeAsync(Model("openai", "gpt-4o-mini"), ProbeTier.Deep);

        Assert.Equal(FailureKind.RateLimited, result.Kind);
        Assert.Equal(TimeSpan.FromSeconds(17), result.RetryAfter);
        Assert.Equal(1, result.Attempts);
        Assert.Single(_h.Server.Requests);
        Assert.Equal(TimeSpan.FromSeconds(17), Assert.Single(_h.StepLogs).Properties["RetryAfter"]);
    }

    [Fact]
    public async Task Deep_Html502FromProxy_IsServerErrorAfterOneRetry()
    {
        _h.Server.On("POST", "/v1/chat/completions",
            ScriptedResponse.Text(502, "<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>", "text/html"));

        var result = await _h.ProbeAsync(Model("openai", "gpt-4o-mini"), ProbeTier.Deep);

        Assert.Equal(FailureKind.ServerError, result.Kind);
        Assert.Equal("HTTP 502 with a non-JSON body (text/html)", result.Message);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task Deep_TruncatedJsonOn200_IsNotHealthy()
    {
        _h.Server.On("POST", "/v1/chat/completions", ScriptedResponse.Json(200, """{"id":"chatcmpl-1","choices":[{"index":0,"mess"""));

        var result = await _h.ProbeAsync(Model("openai", "gpt-4o-mini"), ProbeTier.Deep);

        Assert.False(result.Ok);
        Assert.Equal(FailureKind.Unknown, result.Kind);
    }

    [Fact]
    public async Task Deep_TruncatedJsonOn500_IsServerError()
    {
        _h.Server.On("POST", "/v1/chat/completions", ScriptedResponse.Json(500, """{"error":{"message":"The server had an er"""));

        var result = await _h.ProbeAsync(Model("openai", "gpt-4o-mini"), ProbeTier.Deep);

        Assert.Equal(FailureKind.ServerError, result.Kind);
    }

    [Fact]
    public async Task Deep_ProviderEchoesTheKey_MessageAndLogsAreRedacted()
    {
        _h.Server.On("POST", "/v1/chat/completions", ScriptedResponse.Json(401,
            $$$"""{"error":{"message":"Incorrect API key provided: {{{ProbeHarness.Key}}}.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""));

        var result = await _h.ProbeAsync(Model("openai", "gpt-4o-mini"), ProbeTier.Deep);

        Assert.Equal(FailureKind.AuthFailed, result.Kind);
        Assert.Contains("[redacted]", result.Message, StringComparison.Ordinal);
        _h.AssertKeyNeverLeaked(result);
    }

    [Fact]
    public async Task Deep_GeminiCompatArrayError_IsClassifiedFromTheArray()
    {
        _h.Server.On("POST", "/v1beta/openai/chat/completions", ScriptedResponse.Json(429,
            """[{"error":{"code":429,"message":"Your prepayment credits are depleted.","status":"RESOURCE_EXHAUSTED"}}]"""));

        var result = await _h.ProbeAsync(_h.Model("google", ApiKinds.OpenAiCompletions, "gemini-2.5-flash", "/v1beta/openai"), ProbeTier.Deep);

        Assert.Equal(FailureKind.QuotaExhausted, result.Kind);
    }

    [Fact]
    public async Task Reach_RedirectToAnotherHost_IsNotFollowed()
    {
        _h.Server.On("GET", "/v1/models", ScriptedResponse.Json(302, "", ("Location", "http://collector.invalid/steal")));

        var result = await _h.ProbeAsync(Model("openai", "gpt-4o-mini"), ProbeTier.Reach);

        Assert.False(result.Ok);
        Assert.Equal(302, result.HttpStatus);
        Assert.Single(_h.Server.Requests);
    }

    [Fact]
    public async Task NoApiKey_MakesNoRequest()
    {
        await using var noKey = await ProbeHarness.StartAsync(key: null);
        noKey.Server.On("GET", "/v1/models", ScriptedResponse.Json(200, ProviderBodies.OpenAiModelsList("gpt-4o-mini")));

        var result = await noKey.ProbeAsync(noKey.Model("openai", ApiKinds.OpenAiCompletions, "gpt-4o-mini", "/v1"), ProbeTier.Reach);

        Assert.Equal(FailureKind.NoApiKey, result.Kind);
        Assert.Equal($"set {ProbeHarness.KeyEnv}", result.Message);
        Assert.Empty(noKey.Server.Requests);
    }

    private ModelDefinition Model(string provider, string model) => _h.Model(provider, ApiKinds.OpenAiCompletions, model, "/v1");
}
