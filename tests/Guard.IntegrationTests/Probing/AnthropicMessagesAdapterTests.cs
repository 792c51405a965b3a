using System.Text.Json;
using Guard.Configuration;
using Guard.Probing;

namespace Guard.IntegrationTests.Probing;

public sealed class AnthropicMessagesAdapterTests : IAsyncLifetime
{
    private const string ModelName = "claude-haiku-4-5";

    private ProbeHarness _h = null!;

    public async Task InitializeAsync() => _h = await ProbeHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Reach_ModelExists_IsOkWithApiKeyHeaderAndNoCompletion()
    {
        _h.Server.On("GET", "/v1/models/" + ModelName, ScriptedResponse.Json(200, ProviderBodies.AnthropicModel(ModelName), ("request-id", "req_01reach")));

        var result = await _h.ProbeAsync(Model(), ProbeTier.Reach);

        Assert.True(result.Ok, result.Message);
        Assert.Equal("req_01reach", result.RequestId);
        var request = Assert.Single(_h.Server.Requests);
        Assert.Equal(ProbeHarness.Key, request.Header("x-api-key"));
        Assert.Equal("2023-06-01", request.Header("anthropic-version"));
        Assert.Null(request.Header("Authorization"));
        Assert.DoesNotContain(_h.Server.Requests, r => r.Method == "POST");
        _h.AssertKeyNeverLeaked(result);
    }

    [Fact]
    public async Task Reach_UnknownModel_IsModelNotFound()
    {
        _h.Server.On("GET", "/v1/models/" + ModelName, ScriptedResponse.Json(404,
            """{"type":"error","error":{"type":"not_found_error","message":"model: claude-haiku-4-5"},"request_id":"req_404"}"""));

        var result = await _h.ProbeAsync(Model(), ProbeTier.Reach);

        Assert.Equal(FailureKind.ModelNotFound, result.Kind);
        Assert.Equal("req_404", result.RequestId);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Deep_MaxTokensStop_IsOkAndCapturesRateLimitHeaders()
    {
        _h.Server.On("POST", "/v1/messages", ScriptedResponse.Json(200, ProviderBodies.AnthropicMessageMaxTokens(ModelName),
            ("request-id", "req_01msg"),
            ("anthropic-ratelimit-requests-limit", "50"),
            ("anthropic-ratelimit-requests-remaining", "49"),
            ("anthropic-ratelimit-requests-reset", "2026-02-12T10:00:01Z"),
            ("anthropic-ratelimit-tokens-remaining", "40000")));

        var result = await _h.ProbeAsync(Model(), ProbeTier.Deep);

        Assert.True(result.Ok, result.Message);
        Assert.Equal("stop_reason max_tokens", result.Message);
        Assert.Equal("req_01msg", result.RequestId);
        Assert.Equal("49", result.RateLimitHeaders["anthropic-ratelimit-requests-remaining"]);
        Assert.Equal(4, result.RateLimitHeaders.Count);
        using var body = JsonDocument.Parse(Assert.Single(_h.Server.Requests).Body);
        Assert.Equal(1, body.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.Equal(ModelName, body.RootElement.GetProperty("model").GetString());
        Assert.Equal("ping", body.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Deep_Refusal_IsContentFiltered()
    {
        _h.Server.On("POST", "/v1/messages", ScriptedResponse.Json(200, ProviderBodies.AnthropicRefusal(ModelName)));

        var result = await _h.ProbeAsync(Model(), ProbeTier.Deep);

        Assert.Equal(FailureKind.ContentFiltered, result.Kind);
    }

    [Fact]
    public async Task Deep_529_IsOverloadedAfterOneRetry()
    {
        _h.Server.On("POST", "/v1/messages", ScriptedResponse.Json(529, ProviderBodies.AnthropicOverloaded529));

        var result = await _h.ProbeAsync(Model(), ProbeTier.Deep);

        Assert.Equal(FailureKind.Overloaded, result.Kind);
        Assert.Equal(2, result.Attempts);
        Assert.Equal("req_011CSHoEeqs5C35K2UUqR7Fy", result.RequestId);
    }

    [Fact]
    public async Task Deep_SpendCap429_IsQuotaExhaustedUntilStatedReset()
    {
        _h.Server.On("POST", "/v1/messages", ScriptedResponse.Json(429,
            """{"type":"error","error":{"type":"rate_limit_error","message":"You have reached your API usage limits: your organization has crossed its monthly API usage threshold. You will regain access on 2026-09-01 at 00:00 UTC.","details":{"error_code":"enforced_spend_limit_reached"}},"request_id":"req_cap"}"""));

        var result = await _h.ProbeAsync(Model(), ProbeTier.Deep);

        Assert.Equal(FailureKind.QuotaExhausted, result.Kind);
        Assert.Equal(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), result.ResetAt);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Deep_ZhipuAnthropicEndpoint_ReadsBusinessCodeFromType()
    {
        _h.Server.On("POST", "/api/anthropic/v1/messages", ScriptedResponse.Json(429,
            """{"type":"error","error":{"type":"1113","message":"余额不足或无可用资源包,请充值。"},"request_id":"20260212180000def"}"""));

        var result = await _h.ProbeAsync(_h.Model("zhipu", ApiKinds.AnthropicMessages, "glm-4.7", "/api/anthropic"), ProbeTier.Deep);

        Assert.Equal(FailureKind.QuotaExhausted, result.Kind);
        Assert.Equal("20260212180000def", result.RequestId);
    }

    [Fact]
    public async Task ExtraHeaders_AreSent_ButCannotReplaceTheKey()
    {
        _h.Server.On("GET", "/v1/models/" + ModelName, ScriptedResponse.Json(200, ProviderBodies.AnthropicModel(ModelName)));
        var headers = new Dictionary<string, string> { ["anthropic-beta"] = "token-counting-2024-11-01", ["x-api-key"] = "inline-key" };

        await _h.ProbeAsync(_h.Model("anthropic", ApiKinds.AnthropicMessages, ModelName, "", headers: headers), ProbeTier.Reach);

        var request = Assert.Single(_h.Server.Requests);
        Assert.Equal("token-counting-2024-11-01", request.Header("anthropic-beta"));
        Assert.Equal(ProbeHarness.Key, request.Header("x-api-key"));
    }

    private ModelDefinition Model() => _h.Model("anthropic", ApiKinds.AnthropicMessages, ModelName, "");
}
