using Guard.Recovery;
using Guard.State;
using Guard.Systemd;

namespace Guard.Tests.Recovery;

public sealed class PendingRestartJudgeTests
{
    private static readonly DateTimeOffset At = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);
    private static readonly RestartRecord Attempt = new() { At = At, Outcome = RestartBudget.PendingOutcome, Trigger = RestartTriggers.ChainDark };

    private static UnitStatus Unit(string active, string sub, double? activeEnter, double? inactiveEnter) =>
        new("gw.service", "loaded", active, sub, "success", 1, 0, 0,
            activeEnter is { } a ? At.AddSeconds(a) : null, inactiveEnter is { } i ? At.AddSeconds(i) : null);

    [Theory]
    // Active since after the attempt: the restart happened (also exactly at the attempt's time).
    [InlineData("active", "running", 0.4, 0.2, PendingRestartVerdict.Restarted)]
    [InlineData("active", "running", 0.0, null, PendingRestartVerdict.Restarted)]
    // Stopped by the restart and starting again (ExecStartPre still running).
    [InlineData("activating", "start-pre", -600.0, 0.1, PendingRestartVerdict.Restarted)]
    // Stopped by the restart, the start failed.
    [InlineData("failed", "failed", -600.0, 0.1, PendingRestartVerdict.RestartFailed)]
    [InlineData("inactive", "dead", -600.0, 0.1, PendingRestartVerdict.RestartFailed)]
    // Untouched since before the attempt: Guard died before the D-Bus call.
    [InlineData("active", "running", -600.0, -900.0, PendingRestartVerdict.NotMade)]
    [InlineData("active", "running", -0.001, null, PendingRestartVerdict.NotMade)]
    [InlineData("failed", "failed", null, -5.0, PendingRestartVerdict.NotMade)]
    [InlineData("inactive", "dead", null, null, PendingRestartVerdict.NotMade)]
    public void The_units_timestamps_say_whether_the_attempt_happened(string active, string sub, double? activeEnter, double? inactiveEnter, PendingRestartVerdict expected)
    {
        Assert.Equal(expected, PendingRestartJudge.Judge(Attempt, Unit(active, sub, activeEnter, inactiveEnter)));
    }

    [Theory]
    [InlineData("activating", true)]
    [InlineData("deactivating", true)]
    [InlineData("reloading", true)]
    [InlineData("active", false)]
    [InlineData("failed", false)]
    [InlineData("inactive", false)]
    public void Only_settled_units_are_judged_at_once(string active, bool transition)
    {
        Assert.Equal(transition, PendingRestartJudge.IsInTransition(Unit(active, "x", null, null)));
    }
}
