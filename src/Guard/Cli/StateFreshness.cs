using Guard.Probing;
using Guard.State;

namespace Guard.Cli;

/// <summary>
/// Whether the state file is being kept up by a running service: the service writes <c>LastCheck</c> every probe
/// round, so a LastCheck several rounds old means no service is running (or it is stuck), and the table shows the
/// past. <c>guard status</c> says so, and since when, instead of presenting old health as current.
/// </summary>
public static class StateFreshness
{
    /// <summary>Rounds that may be missed (a slow round, a restart) before the state counts as stale.</summary>
    public const int MissedRounds = 3;

    /// <summary>Never stale sooner than this: a restart with a slow discovery can take a while.</summary>
    public static readonly TimeSpan MinimumGrace = TimeSpan.FromMinutes(2);

    /// <summary>One line for <c>guard status</c> when the state is stale, else null.</summary>
    public static string? Describe(GuardState state, string schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.LastCheck is not { } last)
        {
            return "NOT RUNNING? the state has no probe round yet: start the service (systemctl --user start guard) or run `guard probe`";
        }

        var period = Period(schedule, last);
        var grace = period * MissedRounds > MinimumGrace ? period * MissedRounds : MinimumGrace;
        if (now - last <= grace)
        {
            return null;
        }

        return $"NOT RUNNING? no probe round since {StatusPrinter.When(last, now)} (expected every {Human(period)}): "
            + "the table below is that old; check `systemctl --user status guard`";
    }

    private static TimeSpan Period(string schedule, DateTimeOffset from)
    {
        try
        {
            var cron = new ProbeSchedule(schedule);
            var first = cron.Next(from);
            return cron.Next(first) - first;
        }
        catch (Exception e) when (e is ArgumentException or Cronos.CronFormatException)
        {
            return TimeSpan.FromMinutes(1);
        }
    }

    private static string Human(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0} s";
}
