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
    public void FromMessage_FindsSecondsInProse(string message, double? seconds) =>
        Assert.Equal(seconds, RetryHints.FromMessage(message)?.TotalSeconds);

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
