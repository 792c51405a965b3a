using System.Globalization;

namespace Guard.Alerts.Rendering;

/// <summary>How times and durations read in notices: UTC, minute precision, units both languages understand.</summary>
public static class AlertFormat
{
    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";

    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        var i = CultureInfo.InvariantCulture;
        return duration.TotalMinutes < 1 ? string.Create(i, $"{(int)duration.TotalSeconds} s")
            : duration.TotalHours < 1 ? string.Create(i, $"{(int)duration.TotalMinutes} min")
            : duration.TotalDays < 1 ? string.Create(i, $"{(int)duration.TotalHours} h {duration.Minutes} min")
            : string.Create(i, $"{(int)duration.TotalDays} d {duration.Hours} h");
    }
}
