using System.Text;
using Guard.Quota;
using Guard.Quota.Reported;

namespace Guard.Tests.Quota.Reported;

public sealed class ParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 12, 20, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("6m0s", 360_000)]
    [InlineData("1s", 1_000)]
    [InlineData("12ms", 12)]
    [InlineData("1h2m3.5s", 3_723_500)]
    [InlineData("0.5s", 500)]
    [InlineData("0", 0)]
    [InlineData("250us", 0.25)]
    public void Go_durations(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("6 minutes")]
    [InlineData("m6")]
    [InlineData("5d")]
    public void Not_go_durations(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Theory]
    [InlineData("2026-02-12T20:00:42Z", "2026-02-12T20:00:42Z")]
    [InlineData("6m0s", "2026-02-12T20:06:00Z")]
    [InlineData("1770926460000", "2026-02-12T20:01:00Z")]
    [InlineData("1770926460", "2026-02-12T20:01:00Z")]
    [InlineData("30", "2026-02-12T20:00:30Z")]
    public void Reset_values(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ResetValue.Parse(text, Now));

    [Fact]
    public void Anthropic_headers_give_four_readings_with_rfc3339_resets()
    {
        var headers = new Dictionary<string, string>
        {
            ["anthropic-ratelimit-requests-limit"] = "50", ["anthropic-ratelimit-requests-remaining"] = "49", ["anthropic-ratelimit-requests-reset"] = "2026-02-12T20:00:01Z",
            ["anthropic-ratelimit-tokens-limit"] = "40000", ["anthropic-ratelimit-tokens-remaining"] = "40000", ["anthropic-ratelimit-tokens-reset"] = "2026-02-12T20:00:01Z",
            ["anthropic-ratelimit-input-tokens-limit"] = "30000", ["anthropic-ratelimit-input-tokens-remaining"] = "30000", ["anthropic-ratelimit-input-tokens-reset"] = "2026-02-12T20:00:01Z",
            ["Anthropic-RateLimit-Output-Tokens-Limit"] = "8000", ["anthropic-ratelimit-output-tokens-remaining"] = "8000", ["anthropic-ratelimit-output-tokens-reset"] = "2026-02-12T20:00:03Z",
        };

        var readings = RateLimitHeaderParser.Parse("anthropic/claude-haiku-4-5", headers, Now);

        Assert.Equal(4, readings.Count);
        var requests = readings.Single(r => r.Source == "anthropic-ratelimit-requests");
        Assert.Equal((QuotaMeter.Requests, 50d, 49d), (requests.Meter, requests.Limit!.Value, requests.Remaining!.Value));
        Assert.Equal(Now.AddSeconds(1), requests.ResetAt);
        Assert.Equal(QuotaMeter.Tokens, readings.Single(r => r.Source == "anthropic-ratelimit-output-tokens").Meter);
    }

    [Fact]
    public void OpenAI_headers_use_go_durations()
    {
        var headers = new Dictionary<string, string>
        {
            ["x-ratelimit-limit-requests"] = "10000", ["x-ratelimit-remaining-requests"] = "9999", ["x-ratelimit-reset-requests"] = "8.64s",
            ["x-ratelimit-limit-tokens"] = "2000000", ["x-ratelimit-remaining-tokens"] = "1999990", ["x-ratelimit-reset-tokens"] = "6m0s",
        };

        var readings = RateLimitHeaderParser.Parse("openai/gpt-4o-mini", headers, Now);

        Assert.Equal(Now.AddSeconds(8.64), readings.Single(r => r.Source == "x-ratelimit-requests").ResetAt);
        var tokens = readings.Single(r => r.Source == "x-ratelimit-tokens");
        Assert.Equal(Now.AddMinutes(6), tokens.ResetAt);
        Assert.Equal(2_000_000, tokens.Limit);
    }

    [Fact]
    public void Plain_x_ratelimit_headers_with_epoch_ms_reset()
    {
        var headers = new Dictionary<string, string> { ["X-RateLimit-Limit"] = "50", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = "1770940800000" };

        var reading = Assert.Single(RateLimitHeaderParser.Parse("openrouter/deepseek/deepseek-r1:free", headers, Now));

        Assert.Equal(("x-ratelimit", 0d), (reading.Source, reading.Remaining!.Value));
        Assert.Equal(new DateTimeOffset(2026, 2, 13, 0, 0, 0, TimeSpan.Zero), reading.ResetAt);
    }

    [Fact]
    public void Unparseable_headers_give_nothing() =>
        Assert.Empty(RateLimitHeaderParser.Parse("m/x", new Dictionary<string, string> { ["x-ratelimit-limit-requests"] = "lots" }, Now));

    [Fact]
    public void Moonshot_balance()
    {
        var body = """{"code":0,"data":{"available_balance":49.58894,"voucher_balance":46.58893,"cash_balance":3.00001},"scode":"0x0","status":true}"""u8;

        var reading = BalanceParser.Moonshot("moonshot/kimi-k2.5", body, Now)!;

        Assert.Equal((QuotaMeter.Balance, 49.58894, false), (reading.Meter, reading.Remaining!.Value, reading.Exhausted));
        Assert.Null(reading.Limit);
        Assert.Contains("cash 3.00001", reading.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Moonshot_balance_at_zero_is_exhausted() =>
        Assert.True(BalanceParser.Moonshot("m", """{"code":0,"data":{"available_balance":-0.5,"voucher_balance":0,"cash_balance":-0.5}}"""u8, Now)!.Exhausted);

    [Fact]
    public void OpenRouter_key_with_daily_limit()
    {
        var body = """{"data":{"label":"sk-or-v1-0e6...850","limit":10,"limit_reset":"daily","limit_remaining":2.5,"include_byok_in_limit":false,"usage":131.2,"usage_daily":7.5,"is_free_tier":false}}"""u8;

        var reading = BalanceParser.OpenRouter("openrouter/openai/gpt-4o-mini", body, Now)!;

        Assert.Equal((QuotaMeter.Credits, 10d, 2.5), (reading.Meter, reading.Limit!.Value, reading.Remaining!.Value));
        Assert.Null(reading.Used);
        Assert.Equal(new DateTimeOffset(2026, 2, 13, 0, 0, 0, TimeSpan.Zero), reading.ResetAt);
    }

    [Theory]
    [InlineData("weekly", "2026-02-16T00:00:00Z")]
    [InlineData("monthly", "2026-03-01T00:00:00Z")]
    public void OpenRouter_resets(string period, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), BalanceParser.NextReset(period, Now));

    [Fact]
    public void OpenRouter_unlimited_key_gives_no_reading() =>
        Assert.Null(BalanceParser.OpenRouter("m", """{"data":{"label":"x","limit":null,"limit_remaining":null,"usage":3}}"""u8, Now));

    [Fact]
    public void Zhipu_plan_quota_takes_the_fullest_token_limit()
    {
        var body = Encoding.UTF8.GetBytes("""
            {"success":true,"code":200,"msg":"ok","data":{"level":"pro","limits":[
             {"type":"TIME_LIMIT","unit":5,"number":1,"usage":10,"remaining":90,"percentage":10},
             {"type":"TOKENS_LIMIT","unit":3,"number":5,"percentage":42,"nextResetTime":1770940800000},
             {"type":"TOKENS_LIMIT","unit":6,"number":1,"percentage":87,"nextResetTime":1771200000000}]}}
            """);

        var reading = BalanceParser.Zhipu("zhipu/glm-4.7", body, Now)!;

        Assert.Equal((100d, 13d, true), (reading.Limit!.Value, reading.Remaining!.Value, reading.Percentage));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1771200000000), reading.ResetAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("""{"error":{"message":"Invalid Authentication"}}""")]
    [InlineData("""{"data":"nope"}""")]
    public void Unexpected_bodies_give_no_reading(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        Assert.Null(BalanceParser.Moonshot("m", bytes, Now));
        Assert.Null(BalanceParser.OpenRouter("m", bytes, Now));
        Assert.Null(BalanceParser.Zhipu("m", bytes, Now));
    }
}
