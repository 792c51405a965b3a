using Guard.Configuration;
using Guard.Probing;

namespace Guard.IntegrationTests.Probing;

/// <summary>
/// Coding plans (GLM Coding Plan, Kimi Code) are probed only through their zero-token quota endpoints: the loopback
/// server must never see a models list or a completion on the coding API, whatever tier is asked for.
/// </summary>
public sealed class CodingPlanProbeTests : IAsyncLifetime
{
    private const string ZhipuPlan = "/api/monitor/usage/quota/limit";
    private const string KimiUsages = "/coding/v1/usages";
    private ProbeHarness _h = null!;

    public async Task InitializeAsync() => _h = await ProbeHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData(ProbeTier.Reach)]
    [InlineData(ProbeTier.Deep)]
    public async Task Zhipu_plan_with_headroom_is_healthy_from_the_quota_endpoint_alone(ProbeTier tier)
    {
        _h.Server.On("GET", ZhipuPlan, ScriptedResponse.Json(200, ZhipuPlanBody(63, 10, DateTimeOffset.UtcNow.AddHours(2))));

        var result = await _h.ProbeAsync(ZhipuCoding("glm-4.7"), tier);

        Assert.True(result.Ok, result.Message);
        Assert.Equal("GLM Coding Plan token limit 63 % used", result.Message);
        var request = Assert.Single(_h.Server.Requests);
        Assert.Equal(("GET", ZhipuPlan), (request.Method, request.Path));
        Assert.Equal("Bearer " + ProbeHarness.Key, request.Header("Authorization"));
        Assert.NotNull(result.QuotaReply);
        _h.AssertKeyNeverLeaked(result);
    }

    [Fact]
    public async Task A_full_zhipu_token_window_is_quota_exhausted_until_the_later_reset()
    {
        var fiveHours = DateTimeOffset.UtcNow.AddHours(1);
        var weekly = DateTimeOffset.UtcNow.AddDays(3);
        _h.Server.On("GET", ZhipuPlan, ScriptedResponse.Json(200, ZhipuPlanBody(100, 100, fiveHours, weekly)));

        var result = await _h.ProbeAsync(ZhipuCoding("glm-4.7"), ProbeTier.Reach);

        Assert.Equal(FailureKind.QuotaExhausted, result.Kind);
        Assert.Equal(weekly.ToUnixTimeMilliseconds(), result.ResetAt!.Value.ToUnixTimeMilliseconds());
        Assert.DoesNotContain(_h.Server.Requests, r => r.Path != ZhipuPlan);
    }

    [Fact]
    public async Task A_bad_key_on_the_zhipu_plan_endpoint_is_auth_failed()
    {
        _h.Server.On("GET", ZhipuPlan, ScriptedResponse.Json(401, """{"error":{"code":"1000","message":"身份验证失败。"}}"""));

        var result = await _h.ProbeAsync(ZhipuCoding("glm-4.7"), ProbeTier.Reach);

        Assert.Equal(FailureKind.AuthFailed, result.Kind);
        Assert.DoesNotContain(_h.Server.Requests, r => r.Path != ZhipuPlan);
    }

    [Fact]
    public async Task The_general_zhipu_api_is_still_probed_as_before()
    {
        _h.Server.On("GET", "/api/paas/v4/models", ScriptedResponse.Json(200, ProviderBodies.OpenAiModelsList("glm-4.7")));

        var result = await _h.ProbeAsync(_h.Model("zhipu", ApiKinds.OpenAiCompletions, "glm-4.7", "/api/paas/v4"), ProbeTier.Reach);

        Assert.True(result.Ok, result.Message);
        Assert.Equal("/api/paas/v4/models", Assert.Single(_h.Server.Requests).Path);
    }

    [Theory]
    [InlineData(ApiKinds.OpenAiCompletions, "/coding/v1")]
    [InlineData(ApiKinds.AnthropicMessages, "/coding")]
    public async Task Kimi_code_with_usage_left_is_healthy_from_usages_alone(string api, string basePath)
    {
        _h.Server.On("GET", KimiUsages, ScriptedResponse.Json(200, KimiUsagesBody("120", "100", "2026-11-24T15:00:00Z")));

        var result = await _h.ProbeAsync(_h.Model("kimi-coding", api, "kimi-for-coding", basePath), ProbeTier.Deep);

        Assert.True(result.Ok, result.Message);
        Assert.Equal(("GET", KimiUsages), (Assert.Single(_h.Server.Requests).Method, _h.Server.Requests[0].Path));
    }

    [Fact]
    public async Task Kimi_code_with_an_empty_five_hour_window_is_quota_exhausted_until_it_resets()
    {
        _h.Server.On("GET", KimiUsages, ScriptedResponse.Json(200, KimiUsagesBody("120", "0", "2026-11-24T15:00:00Z")));

        var result = await _h.ProbeAsync(_h.Model("kimi-coding", ApiKinds.OpenAiCompletions, "kimi-for-coding", "/coding/v1"), ProbeTier.Reach);

        Assert.Equal(FailureKind.QuotaExhausted, result.Kind);
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture), result.ResetAt);
    }

    private ModelDefinition ZhipuCoding(string model) => _h.Model("zhipu", ApiKinds.OpenAiCompletions, model, "/api/coding/paas/v4");

    private static string ZhipuPlanBody(int fiveHourPercent, int weeklyPercent, DateTimeOffset fiveHourReset, DateTimeOffset? weeklyReset = null) => $$"""
        {"code":200,"msg":"操作成功","data":{"limits":[
         {"type":"TIME_LIMIT","unit":5,"number":1,"usage":100,"currentValue":100,"remaining":0,"percentage":100,"usageDetails":[]},
         {"type":"TOKENS_LIMIT","unit":3,"number":5,"usage":40000000,"remaining":0,"percentage":{{fiveHourPercent}},"nextResetTime":{{fiveHourReset.ToUnixTimeMilliseconds()}}},
         {"type":"TOKENS_LIMIT","unit":6,"number":1,"usage":300000000,"remaining":0,"percentage":{{weeklyPercent}},"nextResetTime":{{(weeklyReset ?? fiveHourReset.AddDays(5)).ToUnixTimeMilliseconds()}}}],
         "level":"pro"},"success":true}
        """;

    private static string KimiUsagesBody(string remaining, string windowRemaining, string windowReset) => """
        {"usage":{"limit":"2048","remaining":"REMAINING","resetTime":"2026-11-30T00:00:00Z"},
         "limits":[{"window":{"duration":300,"timeUnit":"TIME_UNIT_MINUTE"},"detail":{"limit":"200","remaining":"WINDOW","resetTime":"RESET"}}],
         "user":{"membership":{"level":"LEVEL_BASIC"}}}
        """.Replace("REMAINING", remaining, StringComparison.Ordinal).Replace("WINDOW", windowRemaining, StringComparison.Ordinal)
        .Replace("RESET", windowReset, StringComparison.Ordinal);
}
