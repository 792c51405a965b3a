using System.Globalization;

namespace Guard.Quota;

/// <summary>Human-readable amounts, rates and times for alerts and <c>guard quota</c> (invariant culture, UTC).</summary>
public static class QuotaFormat
{
    public static string Amount(double value, QuotaMeter meter) => meter switch
    {
        QuotaMeter.Tokens => Compact(value) + " tokens",
        QuotaMeter.Requests => Compact(value) + " requests",
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    public static string Compact(double value) => Math.Abs(value) switch
    {
        >= 1e9 => (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G",
        >= 1e6 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1e4 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    public static string Percent(double? percent) =>
        percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "—";

    /// <summary>Per minute: the unit people think in for token burn.</summary>
    public static string Rate(double perHour, QuotaMeter meter) => meter switch
    {
        QuotaMeter.Tokens => Compact(perHour / 60) + " tokens/min",
        QuotaMeter.Requests => Compact(perHour / 60) + " requests/min",
        _ => (perHour / 60).ToString("0.####", CultureInfo.InvariantCulture) + "/min",
    };

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalHours >= 48 ? $"{(int)span.TotalDays} d"
            : span.TotalMinutes >= 90 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : $"{(int)Math.Round(span.TotalMinutes)} min";
    }

    public static string Window(MeterStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.RollingWindow is { } rolling ? "rolling " + Duration(rolling)
            : status.ResetsAt is { } reset ? "resets " + Time(reset)
            : "—";
    }
}
