using Guard.Systemd;

namespace Guard.Drill;

/// <summary>What one restart of the drill's transient gateway unit did, read back from systemd.</summary>
/// <param name="JobDuration">From the RestartUnit call until its job finished.</param>
/// <param name="JobResult">systemd's job result (<c>done</c> when it worked).</param>
/// <param name="Before">The unit before the restart.</param>
/// <param name="After">The unit after the job, or null when it could not be read.</param>
public sealed record TransientGatewayRestart(TimeSpan JobDuration, string JobResult, UnitStatus Before, UnitStatus? After)
{
    /// <summary>A new main process, active again, and became active after the old one did.</summary>
    public bool Verified =>
        After is { IsActive: true, MainPid: > 0 } after && after.MainPid != Before.MainPid &&
        after.ActiveEnterTimestamp > Before.ActiveEnterTimestamp;
}
