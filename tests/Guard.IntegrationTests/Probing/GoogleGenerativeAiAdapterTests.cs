using System.Text.Json;
using Guard.Configuration;
using Guard.Probing;

namespace Guard.IntegrationTests.Probing;

public sealed class GoogleGenerativeAiAdapterTests : IAsyncLifetime
{
    private ProbeHarness _h = null!;

    public async Task InitializeAsync() => _h = await ProbeHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Reach_ModelExists_IsOkWithGoogHeaderAndNoKeyInUrl()
    {
        _h.Server.On("GET", "/v1beta/models/gemini-2.5-flash", ScriptedResponse.Json(200, ProviderBodies.GeminiModel("gemini-2.5-flash")));

        var result = await _h.ProbeAsync(Model("gemini-2.5-flash"), ProbeTier.Reach);

        Assert.True(result.Ok, result.Message);
        var request = Assert.Single(_h.Server.Requests);
        Assert.Equal(ProbeHarness.Key, request.Header("x-goog-api-key"));
        Assert.Equal(string.Empty, request.Query);
        Assert.DoesNotContain(_h.Server.Requests, r => r.Method == "POST");
        _h.AssertKeyNeverLeaked(result);
    }

    [Fact]
    public async Task Reach_PermissionDenied_IsForbidden()
    {
        _h.Server.On("GET", "/v1beta/models/gemini-2.5-flash", ScriptedResponse.Json(403, ProviderBodies.GeminiPermissionDenied403));

        var result = await _h.ProbeAsync(Model("gemini-2.5-flash"), ProbeTier.Reach);

        Assert.Equal(FailureKind.Forbidden, result.Kind);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Deep_MaxTokensWithoutText_IsHealthy_AndThinkingIsOffForFlash()
    {
        _h.Server.On("POST", "/v1beta/models/gemini-2.5-flash:generateContent",
            ScriptedResponse.Json(200, ProviderBodies.GeminiGenerateMaxTokens("gemini-2.5-flash")));

        var result = await _h.ProbeAsync(Model("gemini-2.5-flash"), ProbeTier.Deep);

        Assert.True(result.Ok, result.Message);
        Assert.Equal("finishReason MAX_TOKENS", result.Message);
        using var body = JsonDocument.Parse(Assert.Single(_h.Server.Requests).Body);
        var config = body.RootElement.GetProperty("generationConfig");
        Assert.Equal(1, config.GetProperty("maxOutputTokens").GetInt32());
        Assert.Equal(0, config.GetProperty("thinkingConfig").GetProperty("thinkingBudget").GetInt32());
        Assert.Equal("ping", body.RootElement.GetProperty("contents")[0].GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Deep_Gemini3_UsesThinkingLevel()
    {
        _h.Server.On("POST", "/v1beta/models/gemini-3-flash-preview:generateContent",
            ScriptedResponse.Json(200, ProviderBodies.GeminiGenerateMaxTokens("gemini-3-flash-preview")));

        await _h.ProbeAsync(Model("gemini-3-flash-preview"), ProbeTier.Deep);

        using var body = JsonDocument.Parse(_h.Server.Requests[0].Body);
        var thinking = body.RootElement.GetProperty("generationConfig").GetProperty("thinkingConfig");
        Assert.Equal("low", thinking.GetProperty("thinkingLevel").GetString());
        Assert.False(thinking.TryGetProperty("thinkingBudget", out _));
    }

    [Fact]
    public async Task Deep_Gemini25Pro_SendsNoThinkingConfig()
    {
        _h.Server.On("POST", "/v1beta/models/gemini-2.5-pro:generateContent",
            ScriptedResponse.Json(200, ProviderBodies.GeminiGenerateMaxTokens("gemini-2.5-pro")));

        await _h.ProbeAsync(Model("gemini-2.5-pro"), ProbeTier.Deep);

        using var body = JsonDocument.Parse(_h.Server.Requests[0].Body);
        Assert.False(body.RootElement.GetProperty("generationConfig").TryGetProperty("thinkingConfig", out _));
    }

    [Theory]
    [InlineData("SAFETY")]
    [InlineData("RECITATION")]
    [InlineData("PROHIBITED_CONTENT")]
    public async Task Deep_SafetyFinish_IsContentFiltered(string reason)
    {
        _h.Server.On("POST", "/v1beta/models/gemini-2.5-flash:generateContent", ScriptedResponse.Json(200, ProviderBodies.GeminiGenerateFinish(reason)));

        var result = await _h.ProbeAsync(Model("gemini-2.5-flash"), ProbeTier.Deep);

        Assert.Equal(FailureKind.ContentFiltered, result.Kind);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Deep_PromptBlocked_IsContentFiltered()
    {
        _h.Server.On("POST", "/v1beta/models/gemini-2.5-flash:generateContent", ScriptedResponse.Json(200,
            """{"promptFeedback":{"blockReason":"OTHER"},"usageMetadata":{"promptTokenCount":1,"totalTokenCount":1},"modelVersion":"gemini-2.5-flash"}"""));

        var result = await _h.ProbeAsync(Model("gemini-2.5-flash"), ProbeTier.Deep);

        Assert.Equal(FailureKind.ContentFiltered, result.Kind);
        Assert.Contains("OTHER", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_DailyQuota429_IsQuotaExhaustedWithHints_NoRetry()
    {
        _h.Server.On("POST", "/v1beta/models/gemini-3-flash:generateContent", ScriptedResponse.Json(429, ProviderBodies.GeminiQuotaPerDay429));

        var result = await _h.ProbeAsync(Model("gemini-3-flash"), ProbeTier.Deep);

        Assert.Equal(FailureKind.QuotaExhausted, result.Kind);
        Assert.Equal(TimeSpan.FromSeconds(26), result.RetryAfter);
        Assert.NotNull(result.ResetAt);
        Assert.Equal(1, result.Attempts);
        Assert.False(result.IsUndetailedRateLimit);
    }

    [Fact]
    public async Task Deep_Bare429_IsUndetailedRateLimit()
    {
        _h.Server.On("POST", "/v1beta/models/gemini-2.5-flash:generateContent", ScriptedResponse.Json(429,
            """{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}"""));

        var result = await _h.ProbeAsync(Model("gemini-2.5-flash"), ProbeTier.Deep);

        Assert.Equal(FailureKind.RateLimited, result.Kind);
        Assert.True(result.IsUndetailedRateLimit);
    }

    [Fact]
    public async Task Deep_ErrorObjectInside200_IsFailure()
    {
        _h.Server.On("POST", "/v1beta/models/gemini-2.5-flash:generateContent", ScriptedResponse.Json(200,
            """{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"""));

        var result = await _h.ProbeAsync(Model("gemini-2.5-flash"), ProbeTier.Deep);

        Assert.False(result.Ok);
        Assert.Equal(FailureKind.Overloaded, result.Kind);
    }

    private ModelDefinition Model(string model) => _h.Model("google", ApiKinds.GoogleGenerativeAi, model, "/v1beta");
}
