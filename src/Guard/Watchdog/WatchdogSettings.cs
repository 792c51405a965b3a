using System.Globalization;

namespace Guard.Watchdog;

/// <summary>systemd's watchdog request, from <c>WATCHDOG_USEC</c> and <c>WATCHDOG_PID</c> (see sd_watchdog_enabled(3)).</summary>
public sealed record WatchdogSettings(TimeSpan Interval)
{
    /// <summary>Pings at half the interval, as sd_watchdog_enabled(3) recommends.</summary>
    public TimeSpan PingEvery => Interval / 2;

    /// <summary>Null when systemd did not ask for pings, or asked another process (WATCHDOG_PID is not ours).</summary>
    public static WatchdogSettings? FromEnvironment(Func<string, string?> getEnv, int processId)
    {
        ArgumentNullException.ThrowIfNull(getEnv);
        if (!ulong.TryParse(getEnv("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec == 0)
        {
            return null;
        }

        var pid = getEnv("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != processId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return new WatchdogSettings(TimeSpan.FromMicroseconds(usec));
    }
}
