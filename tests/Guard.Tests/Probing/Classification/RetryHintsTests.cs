using Guard.Probing;
using Guard.Probing.Classification;

namespace Guard.Tests.Probing.Classification;

public sealed class RetryHintsTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 12, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("30", 30.0)]
    [InlineData("0", 0.0)]
    [InlineData("Thu, 12 Feb 2026 10:02:00 GMT", 120.0)]
    [InlineData("Thu, 12 Feb 2026 09:00:00 GMT", 0.0)]
    [InlineData("soon", null)]
    [InlineData("", null)]
    [InlineData("86400", 86400.0)]

    // Absurd hints are ignored, not thrown on (TimeSpan.FromSeconds(1e20) overflows) nor obeyed for years.
    [InlineData("99999999999999999999", null)]
    [InlineData("86401", null)]
    [InlineData("-5", null)]
    [InlineData("Infinity", null)]
    [InlineData("NaN", null)]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT", null)]
    public void ParseRetryAfter_SecondsOrHttpDate(string value, double? seconds) =>
        Assert.Equal(seconds, RetryHints.ParseRetryAfter(value, Now)?.TotalSeconds);

    [Theory]
    [InlineData("26s", 26.0)]
    [InlineData("47.123s", 47.123)]
    [InlineData("26", null)]
    [InlineData(null, null)]
    [InlineData("1e300s", null)]
    public void ParseProtoDuration_GoogleRetryDelay(string? value, double? seconds) =>
        Assert.Equal(seconds, RetryHints.ParseProtoDuration(value)?.TotalSeconds);

    [Theory]
    [InlineData("request reached organization max RPM: 3, please try again after 1 seconds", 1.0)]
    [InlineData("Quota exceeded. Please retry in 26.61s.", 26.61)]
    [InlineData("Rate limited, retry after 5 sec", 5.0)]
    [InlineData("You exceeded your current quota", null)]
    [InlineData("please try again after 99999999999999999999 seconds", null)]

    // Go durations as Groq prints them (console.groq.com/docs/rate-limits replies quoted in groq-python issues).
    [InlineData("on requests per minute (RPM): Limit 20, Used 20, Requested 1. Please try again in 6ms. Visit", 0.006)]
    [InlineData("on tokens per day (TPD): Limit 500000, Used 499800. Please try again in 9m38.016s. Visit", 578.016)]
    [InlineData("Please try again in 1h2m3s.", 3723.0)]
    [InlineData("Please try again in 6.86s. Need more tokens?", 6.86)]
    [InlineData("Please try again in a moment", null)]
    public void FromMessage_FindsSecondsInProse(string message, double? seconds) =>
        Assert.Equal(seconds, RetryHints.FromMessage(message)?.TotalSeconds);

    [Fact]
    public void Classify_OpenRouterMetadataReset_EpochMs_IsTheRetryHint()
    {
        // openrouter.ai/docs/api-reference/limits: X-RateLimit-Reset in epoch milliseconds, inside metadata.headers.
        const string body = """{"error":{"message":"Rate limit exceeded: limit_rpm/google/gemini-2.5-pro","code":429,"metadata":{"headers":{"X-RateLimit-Limit":"20","X-RateLimit-Remaining":"0","X-RateLimit-Reset":"1770890460000"},"provider_name":null}}}""";

        var result = new FailureClassifier().Classify(ProviderFamily.Generic, ProviderResponse.FromText(429, body), Now);

        Assert.Equal(FailureKind.RateLimited, result.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), result.RetryAfter);
    }

    [Fact]
    public void Classify_Rfc1123RetryAfterHeader_BehindARelay_IsTheRetryHint()
    {
        var headers = new Dictionary<string, string> { ["Retry-After"] = "Thu, 12 Feb 2026 10:00:30 GMT" };
        const string body = """{"error":{"message":"The engine is currently overloaded, please try again later","type":"engine_overloaded_error"}}""";

        var result = new FailureClassifier().Classify(ProviderFamily.Generic, ProviderResponse.FromText(429, body, headers), Now);

        Assert.Equal(FailureKind.Overloaded, result.Kind);
        Assert.Equal("reply:moonshot.overloaded", result.Rule);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
    }

    [Fact]
    public void FromHeaders_RetryAfterMsWins()
    {
        var response = ProviderResponse.FromText(429, "", new Dictionary<string, string> { ["retry-after-ms"] = "250", ["Retry-After"] = "9" });

        Assert.Equal(TimeSpan.FromMilliseconds(250), RetryHints.FromHeaders(response, Now));
    }

    [Fact]
    public void FromHeaders_AbsurdRetryAfterMs_FallsBackToRetryAfter()
    {
        var response = ProviderResponse.FromText(429, "", new Dictionary<string, string> { ["retry-after-ms"] = "1e30", ["Retry-After"] = "9" });

        Assert.Equal(TimeSpan.FromSeconds(9), RetryHints.FromHeaders(response, Now));
    }
}
