using Guard.Configuration;
using Guard.Quota;

namespace Guard.Tests.Quota;

public sealed class QuotaWindowsTests
{
    [Fact]
    public void Without_a_time_zone_the_window_rolls_and_never_resets()
    {
        var now = new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);
        var window = QuotaWindows.Current(new QuotaBudgetOptions { Window = TimeSpan.FromHours(5) }, null, now);

        Assert.Equal(new QuotaWindow(now.AddHours(-5), now, null), window);
        Assert.True(window.IsRolling);
    }

    [Fact]
    public void A_calendar_day_in_Shanghai_starts_at_16_00_UTC()
    {
        var zone = QuotaWindows.FindZone("Asia/Shanghai")!;
        var now = new DateTimeOffset(2026, 2, 12, 15, 59, 0, TimeSpan.Zero);

        var before = QuotaWindows.Current(new QuotaBudgetOptions(), zone, now);
        var after = QuotaWindows.Current(new QuotaBudgetOptions(), zone, now.AddMinutes(2));

        Assert.Equal(new DateTimeOffset(2026, 2, 11, 16, 0, 0, TimeSpan.Zero), before.Start);
        Assert.Equal(new DateTimeOffset(2026, 2, 12, 16, 0, 0, TimeSpan.Zero), before.ResetsAt);
        Assert.Equal(before.ResetsAt, after.Start);
    }

    [Theory]
    [InlineData("2026-03-08T12:00:00Z", "2026-03-08T08:00:00Z", "2026-03-09T07:00:00Z")] // spring forward: a 23-hour day
    [InlineData("2026-11-01T12:00:00Z", "2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z")] // fall back: a 25-hour day
    [InlineData("2026-07-01T06:59:00Z", "2026-06-30T07:00:00Z", "2026-07-01T07:00:00Z")] // one minute before Pacific midnight
    public void Gemini_daily_quota_resets_at_Pacific_midnight_across_DST(string now, string start, string reset)
    {
        var zone = QuotaWindows.FindZone("America/Los_Angeles")!;
        var window = QuotaWindows.Current(new QuotaBudgetOptions(), zone, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), window.Start);
        Assert.Equal(DateTimeOffset.Parse(reset, System.Globalization.CultureInfo.InvariantCulture), window.ResetsAt);
    }

    [Fact]
    public void Sub_day_windows_align_to_local_midnight()
    {
        var zone = QuotaWindows.FindZone("UTC")!;
        var window = QuotaWindows.Current(new QuotaBudgetOptions { Window = TimeSpan.FromHours(6) }, zone, new DateTimeOffset(2026, 2, 12, 13, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 2, 12, 12, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 2, 12, 18, 0, 0, TimeSpan.Zero), window.ResetsAt);
    }

    [Fact]
    public void Seven_day_windows_run_Monday_to_Monday()
    {
        var zone = QuotaWindows.FindZone("UTC")!;
        var thursday = new DateTimeOffset(2026, 2, 12, 9, 0, 0, TimeSpan.Zero);
        var window = QuotaWindows.Current(new QuotaBudgetOptions { Window = TimeSpan.FromDays(7) }, zone, thursday);

        Assert.Equal(new DateTimeOffset(2026, 2, 9, 0, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(DayOfWeek.Monday, window.Start.DayOfWeek);
        Assert.Equal(window.Start.AddDays(7), window.ResetsAt);
    }

    [Theory]
    [InlineData("01:00:00", true)]
    [InlineData("06:00:00", true)]
    [InlineData("1.00:00:00", true)]
    [InlineData("7.00:00:00", true)]
    [InlineData("05:00:00", false)]
    [InlineData("1.12:00:00", false)]
    public void Calendar_alignment_rules(string window, bool aligned) =>
        Assert.Equal(aligned, QuotaWindows.IsCalendarAligned(TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Unknown_zone_is_null() => Assert.Null(QuotaWindows.FindZone("Mars/Olympus_Mons"));
}
