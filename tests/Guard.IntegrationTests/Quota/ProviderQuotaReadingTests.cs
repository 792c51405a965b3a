using Guard.Configuration;
using Guard.IntegrationTests.Probing;
using Guard.Probing;
using Guard.Probing.Keys;
using Guard.Quota;
using Guard.Quota.Reported;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guard.IntegrationTests.Quota;

/// <summary>
/// Header and balance parsing per provider, end to end: realistic replies served over HTTP on 127.0.0.1, probed by
/// the real probe engine, turned into quota readings by the quota watch.
/// </summary>
public sealed class ProviderQuotaReadingTests : IAsyncLifetime
{
    private const string KeyEnv = "QUOTA_TEST_KEY";
    private const string Key = "sk-quota-test-9aQ4mZ";

    private ScriptedProviderServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedProviderServer.StartAsync();
        _services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddGuardProbing()
            .AddSingleton<IApiKeySource>(new StaticKeys())
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private ModelDefinition Model(string provider, string api, string model, string basePath) =>
        new($"{provider}/{model}", provider, api, _server.BaseUrl + basePath, model, KeyEnv, [ProbeTier.Reach, ProbeTier.Deep],
            new Dictionary<string, string>(), TimeSpan.FromSeconds(5), ModelSource.GuardConfig);

    private async Task<(ProbeResult Result, IReadOnlyList<ProviderReading> Readings)> ProbeAsync(ModelDefinition model, ProbeTier tier)
    {
        var result = await _services.GetRequiredService<IModelProber>().ProbeAsync(model, tier, CancellationToken.None);
        return (result, ProbeReadings.From(result));
    }

    [Fact]
    public async Task Anthropic_message_headers()
    {
        var reset = DateTimeOffset.UtcNow.AddSeconds(40).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        _server.On("POST", "/v1/messages", 200,
            """{"id":"msg_01","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"p"}],"stop_reason":"max_tokens","usage":{"input_tokens":8,"output_tokens":1}}""",
            new Dictionary<string, string>
            {
                ["request-id"] = "req_01", ["anthropic-ratelimit-requests-limit"] = "50", ["anthropic-ratelimit-requests-remaining"] = "49",
                ["anthropic-ratelimit-requests-reset"] = reset, ["anthropic-ratelimit-tokens-limit"] = "90000",
                ["anthropic-ratelimit-tokens-remaining"] = "89000", ["anthropic-ratelimit-tokens-reset"] = reset,
                ["anthropic-ratelimit-input-tokens-limit"] = "50000", ["anthropic-ratelimit-input-tokens-remaining"] = "50000",
                ["anthropic-ratelimit-input-tokens-reset"] = reset, ["anthropic-ratelimit-output-tokens-limit"] = "10000",
                ["anthropic-ratelimit-output-tokens-remaining"] = "10000", ["anthropic-ratelimit-output-tokens-reset"] = reset,
            });

        var (result, readings) = await ProbeAsync(Model("anthropic", ApiKinds.AnthropicMessages, "claude-haiku-4-5", ""), ProbeTier.Deep);

        Assert.True(result.Ok, result.Message);
        Assert.Equal(4, readings.Count);
        var tokens = readings.Single(r => r.Source == "anthropic-ratelimit-tokens");
        Assert.Equal((90000d, 89000d), (tokens.Limit!.Value, tokens.Remaining!.Value));
        Assert.Equal(DateTimeOffset.Parse(reset, System.Globalization.CultureInfo.InvariantCulture), tokens.ResetAt);
    }

    [Fact]
    public async Task OpenAI_completion_headers_with_go_durations()
    {
        _server.On("POST", "/v1/chat/completions", 200,
            """{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"p"},"finish_reason":"length"}],"usage":{"prompt_tokens":8,"completion_tokens":1,"total_tokens":9}}""",
            new Dictionary<string, string>
            {
                ["x-request-id"] = "req_1", ["x-ratelimit-limit-requests"] = "10000", ["x-ratelimit-remaining-requests"] = "9999",
                ["x-ratelimit-reset-requests"] = "8.64s", ["x-ratelimit-limit-tokens"] = "2000000", ["x-ratelimit-remaining-tokens"] = "1999991",
                ["x-ratelimit-reset-tokens"] = "6m0s", ["openai-processing-ms"] = "211",
            });

        var (result, readings) = await ProbeAsync(Model("openai", ApiKinds.OpenAiCompletions, "gpt-4o-mini", "/v1"), ProbeTier.Deep);

        Assert.True(result.Ok, result.Message);
        var tokens = readings.Single(r => r.Source == "x-ratelimit-tokens");
        Assert.Equal(1_999_991, tokens.Remaining);
        Assert.InRange(tokens.ResetAt!.Value - tokens.ObservedAt, TimeSpan.FromSeconds(359), TimeSpan.FromSeconds(361));
        Assert.Equal(QuotaMeter.Requests, readings.Single(r => r.Source == "x-ratelimit-requests").Meter);
    }

    [Fact]
    public async Task Moonshot_balance_from_the_reach_probe()
    {
        _server.On("GET", "/v1/users/me/balance", 200, """{"code":0,"data":{"available_balance":49.58894,"voucher_balance":46.58893,"cash_balance":3.00001},"scode":"0x0","status":true}""")
            .On("GET", "/v1/models", 200, """{"object":"list","data":[{"id":"kimi-k2.5","object":"model","owned_by":"moonshot"}]}""");

        var (result, readings) = await ProbeAsync(Model("moonshot", ApiKinds.OpenAiCompletions, "kimi-k2.5", "/v1"), ProbeTier.Reach);

        Assert.True(result.Ok, result.Message);
        var balance = Assert.Single(readings);
        Assert.Equal((BalanceParser.MoonshotSource, QuotaMeter.Balance, 49.58894), (balance.Source, balance.Meter, balance.Remaining!.Value));
        Assert.DoesNotContain(Key, result.QuotaReply!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moonshot_empty_balance_is_quota_exhausted()
    {
        _server.On("GET", "/v1/users/me/balance", 200, """{"code":0,"data":{"available_balance":0,"voucher_balance":0,"cash_balance":0},"scode":"0x0","status":true}""");

        var (result, readings) = await ProbeAsync(Model("moonshot", ApiKinds.OpenAiCompletions, "kimi-k2.5", "/v1"), ProbeTier.Reach);

        Assert.Equal(FailureKind.QuotaExhausted, result.Kind);
        Assert.Contains(readings, r => r is { Source: BalanceParser.MoonshotSource, Exhausted: true });
        Assert.Contains(readings, r => r is { Source: ProbeReadings.ProbeSource, Exhausted: true });
    }

    [Fact]
    public async Task OpenRouter_key_limit()
    {
        _server.On("GET", "/api/v1/key", 200, """{"data":{"label":"sk-or-v1-0e6...850","limit":10,"limit_reset":"daily","limit_remaining":1.25,"include_byok_in_limit":false,"usage":42.7,"usage_daily":8.75,"usage_weekly":20.1,"usage_monthly":42.7,"is_free_tier":false,"rate_limit":{"requests":-1,"interval":"10s","note":"This field is deprecated and safe to ignore."}}}""")
            .On("GET", "/api/v1/models", 200, """{"data":[{"id":"openai/gpt-4o-mini"}]}""");

        var (result, readings) = await ProbeAsync(Model("openrouter", ApiKinds.OpenAiCompletions, "openai/gpt-4o-mini", "/api/v1"), ProbeTier.Reach);

        Assert.True(result.Ok, result.Message);
        var key = Assert.Single(readings);
        Assert.Equal((QuotaMeter.Credits, 10d, 1.25), (key.Meter, key.Limit!.Value, key.Remaining!.Value));
        Assert.Equal(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(1), key.ResetAt!.Value.UtcDateTime);

        var state = new QuotaState();
        ProbeQuotaFeed.Apply(state, readings, new HashSet<string>(), key.ObservedAt);
        var row = QuotaEvaluator.Evaluate(new QuotaOptions(), state, key.ObservedAt).Single().Headline!;
        Assert.Equal(87.5, row.Percent!.Value, 3);
        Assert.Equal(BalanceParser.OpenRouterSource, row.Source);
    }

    [Fact]
    public async Task Gemini_daily_quota_429_becomes_an_exhausted_reading_with_its_reset()
    {
        _server.On("POST", "/v1beta/models/gemini-2.5-flash:generateContent", 429, """
            {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.","status":"RESOURCE_EXHAUSTED","details":[
             {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"gemini-2.5-flash"},"quotaValue":"250"}]},
             {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"36512s"}]}}
            """);

        var (result, readings) = await ProbeAsync(Model("google", ApiKinds.GoogleGenerativeAi, "gemini-2.5-flash", "/v1beta"), ProbeTier.Deep);

        Assert.Equal(FailureKind.QuotaExhausted, result.Kind);
        var exhausted = Assert.Single(readings);
        Assert.True(exhausted.Exhausted);
        Assert.Equal(result.ResetAt, exhausted.ResetAt);
        Assert.NotNull(exhausted.ResetAt);
    }

    private sealed class StaticKeys : IApiKeySource
    {
        public string? GetKey(string variableName) => variableName == KeyEnv ? Key : null;
    }
}
