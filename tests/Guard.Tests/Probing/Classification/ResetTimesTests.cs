using Guard.Probing.Classification;

namespace Guard.Tests.Probing.Classification;

public sealed class ResetTimesTests
{
    [Fact]
    public void NextPacificMidnight_WinterIsUtcMinus8() =>
        Assert.Equal(
            new DateTimeOffset(2026, 2, 13, 8, 0, 0, TimeSpan.Zero),
            ResetTimes.NextPacificMidnight(new DateTimeOffset(2026, 2, 12, 10, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void NextPacificMidnight_JustBeforeMidnightPacific_IsSameUtcDay() =>
        Assert.Equal(
            new DateTimeOffset(2026, 2, 13, 8, 0, 0, TimeSpan.Zero),
            ResetTimes.NextPacificMidnight(new DateTimeOffset(2026, 2, 13, 7, 59, 0, TimeSpan.Zero)));

    [Fact]
    public void ZhipuFlushTime_IsBeijingTime() =>
        Assert.Equal(
            new DateTimeOffset(2026, 8, 27, 13, 31, 39, TimeSpan.Zero),
            ResetTimes.ZhipuFlushTime("Usage limit reached for 5 hour. Your limit will reset at 2026-08-27 21:31:39"));

    [Fact]
    public void AnthropicRegainAccess_ParsesDateAndTime() =>
        Assert.Equal(
            new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero),
            ResetTimes.AnthropicRegainAccess("You will regain access on 2026-09-01 at 00:00 UTC."));

    [Fact]
    public void AnthropicRegainAccess_NoDate_IsNull() => Assert.Null(ResetTimes.AnthropicRegainAccess("rate limited"));
}
