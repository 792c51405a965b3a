using Guard.State;
using Guard.Systemd;

namespace Guard.Recovery;

/// <summary>
/// Settles an attempt left pending by a Guard that died between its write-ahead record and its outcome, from systemd's
/// own timestamps. A restart takes the unit through inactive (InactiveEnterTimestamp) to active (ActiveEnterTimestamp);
/// the attempt's time was taken before the D-Bus call, so either stamp at or after it means the restart reached systemd.
/// </summary>
public static class PendingRestartJudge
{
    public static PendingRestartVerdict Judge(RestartRecord attempt, UnitStatus unit)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(unit);
        if (unit.ActiveEnterTimestamp >= attempt.At)
        {
            return PendingRestartVerdict.Restarted;
        }

        if (unit.InactiveEnterTimestamp >= attempt.At)
        {
            // Stopped by the restart; still starting counts as restarted, settled elsewhere means the start failed.
            return unit.ActiveState is "activating" or "active" or "reloading"
                ? PendingRestartVerdict.Restarted
                : PendingRestartVerdict.RestartFailed;
        }

        return PendingRestartVerdict.NotMade;
    }

    /// <summary>systemd is still moving the unit; judge only once it settles (or the wait runs out).</summary>
    public static bool IsInTransition(UnitStatus unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.ActiveState is "activating" or "deactivating" or "reloading";
    }
}
