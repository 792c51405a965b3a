using Guard.Configuration;

namespace Guard.Quota;

/// <summary>
/// Budget windows. Without a time zone: rolling, ending now. With one: fixed windows aligned to local midnight —
/// a window shorter than a day must divide the day (01:00:00, 05:00:00 does not); whole days count from Monday
/// 1970-01-05, so 7.00:00:00 is a Monday-to-Monday week.
/// </summary>
public static class QuotaWindows
{
    private static readonly DateTime WeekAnchor = new(1970, 1, 5, 0, 0, 0, DateTimeKind.Unspecified);

    public static QuotaWindow Current(QuotaBudgetOptions budget, TimeZoneInfo? zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var length = budget.Window;
        if (zone is null)
        {
            return new QuotaWindow(now - length, now, null);
        }

        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var midnight = local.Date;
        DateTime start, end;
        if (length < TimeSpan.FromDays(1))
        {
            var slot = (local - midnight).Ticks / length.Ticks;
            start = midnight.AddTicks(slot * length.Ticks);
            end = start + length;
            if (end > midnight.AddDays(1))
            {
                end = midnight.AddDays(1);
            }
        }
        else
        {
            var days = (int)length.TotalDays;
            var index = (int)(midnight - WeekAnchor).TotalDays;
            start = midnight.AddDays(-(((index % days) + days) % days));
            end = start.AddDays(days);
        }

        var utcEnd = ToUtc(end, zone);
        return new QuotaWindow(ToUtc(start, zone), utcEnd, utcEnd);
    }

    /// <summary>Null when the id is not a known zone.</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>True when the window fits the calendar alignment rules above.</summary>
    public static bool IsCalendarAligned(TimeSpan window) =>
        window < TimeSpan.FromDays(1)
            ? TimeSpan.FromDays(1).Ticks % window.Ticks == 0
            : window.Ticks % TimeSpan.TicksPerDay == 0;

    // Local midnight can be skipped (DST at 00:00): take the first valid minute after it. An ambiguous time
    // takes its first occurrence, so a window never starts later than the clock on the wall says.
    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var probe = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(probe))
        {
            probe = probe.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(probe) ? zone.GetAmbiguousTimeOffsets(probe).Max() : zone.GetUtcOffset(probe);
        return new DateTimeOffset(probe, offset).ToUniversalTime();
    }
}
