using Guard.Configuration;
using Guard.Recovery;
using Guard.State;

namespace Guard.Tests.Recovery;

public sealed class RestartBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);
    private static readonly RecoveryOptions Options = new() { MaxRestarts = 3, RestartWindow = TimeSpan.FromHours(1), MinSpacing = TimeSpan.FromMinutes(2) };

    private static RestartRecord Attempt(TimeSpan ago, string outcome = RestartBudget.AttemptedOutcome) =>
        new() { At = Now - ago, Outcome = outcome, Trigger = RestartTriggers.ChainDark };

    [Fact]
    public void No_history_allows_a_restart_now()
    {
        Assert.Equal(new BudgetDecision(true, false, Now, 0), RestartBudget.Check([], Now, Options));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    public void Spacing_doubles_after_each_attempt_in_the_window(int attempts, int spacingMinutes)
    {
        var history = Enumerable.Range(0, attempts).Select(i => Attempt(TimeSpan.FromMinutes(30 - i))).ToList();
        var last = history[^1].At;

        var decision = RestartBudget.Check(history, last + TimeSpan.FromMinutes(spacingMinutes) - TimeSpan.FromSeconds(1), Options);
        var allowed = RestartBudget.Check(history, last + TimeSpan.FromMinutes(spacingMinutes), Options);

        Assert.False(decision.Allowed);
        Assert.Equal(last + TimeSpan.FromMinutes(spacingMinutes), decision.NextAllowedAt);
        Assert.True(allowed.Allowed);
        Assert.Equal(attempts, allowed.UsedInWindow);
    }

    [Fact]
    public void Failed_attempts_count_skips_do_not()
    {
        var history = new List<RestartRecord>
        {
            Attempt(TimeSpan.FromMinutes(50), RestartBudget.FailedOutcome),
            Attempt(TimeSpan.FromMinutes(40), "skipped"),
            Attempt(TimeSpan.FromMinutes(30)),
        };

        Assert.Equal(2, RestartBudget.Check(history, Now, Options).UsedInWindow);
    }

    [Fact]
    public void MaxRestarts_in_the_window_exhausts_until_the_oldest_leaves_it()
    {
        var history = new List<RestartRecord> { Attempt(TimeSpan.FromMinutes(50)), Attempt(TimeSpan.FromMinutes(40)), Attempt(TimeSpan.FromMinutes(20)) };

        var exhausted = RestartBudget.Check(history, Now, Options);
        var later = RestartBudget.Check(history, Now + TimeSpan.FromMinutes(10), Options);

        Assert.Equal(new BudgetDecision(false, true, Now + TimeSpan.FromMinutes(10), 3), exhausted);
        Assert.False(later.Exhausted);
        Assert.True(later.Allowed);
        Assert.Equal(2, later.UsedInWindow);
    }

    [Fact]
    public void MaxRestarts_zero_never_allows()
    {
        var decision = RestartBudget.Check([], Now, new RecoveryOptions { MaxRestarts = 0 });

        Assert.True(decision.Exhausted);
        Assert.Null(decision.NextAllowedAt);
    }

    [Fact]
    public void History_survives_the_state_file_so_a_Guard_restart_does_not_reset_the_budget()
    {
        var state = new GuardState();
        state.Restarts.AddRange([Attempt(TimeSpan.FromMinutes(50)), Attempt(TimeSpan.FromMinutes(40)), Attempt(TimeSpan.FromMinutes(20))]);

        var reloaded = StateFile.Deserialize(StateFile.Serialize(state));

        Assert.True(RestartBudget.Check(reloaded.Restarts, Now, Options).Exhausted);
    }

    [Theory]
    [InlineData(RestartBudget.PendingOutcome)]
    [InlineData(RestartBudget.InterruptedOutcome)]
    public void An_attempt_without_a_recorded_outcome_counts_against_the_budget_and_the_spacing(string outcome)
    {
        var history = new List<RestartRecord> { Attempt(TimeSpan.FromSeconds(30), outcome) };

        var decision = RestartBudget.Check(history, Now, Options);

        Assert.False(decision.Allowed);
        Assert.Equal(1, decision.UsedInWindow);
        Assert.Equal(history[0].At + Options.MinSpacing, decision.NextAllowedAt);
    }

    [Fact]
    public void Pending_attempts_alone_can_use_up_the_budget()
    {
        var history = new List<RestartRecord>
        {
            Attempt(TimeSpan.FromMinutes(30), RestartBudget.PendingOutcome),
            Attempt(TimeSpan.FromMinutes(20), RestartBudget.PendingOutcome),
            Attempt(TimeSpan.FromMinutes(10), RestartBudget.PendingOutcome),
        };

        Assert.True(RestartBudget.Check(history, Now, Options).Exhausted);
    }

    [Fact]
    public void Unresolved_means_pending_or_an_earlier_builds_restarted_record_without_a_job_result()
    {
        Assert.True(RestartBudget.IsUnresolved(Attempt(TimeSpan.Zero, RestartBudget.PendingOutcome)));
        Assert.True(RestartBudget.IsUnresolved(Attempt(TimeSpan.Zero)));
        Assert.False(RestartBudget.IsUnresolved(new RestartRecord { Outcome = RestartBudget.AttemptedOutcome, JobResult = "done", Verified = false }));
        Assert.False(RestartBudget.IsUnresolved(new RestartRecord { Outcome = RestartBudget.AttemptedOutcome, ResolvedAt = Now }));
        Assert.False(RestartBudget.IsUnresolved(new RestartRecord { Outcome = RestartBudget.InterruptedOutcome, ResolvedAt = Now }));
        Assert.False(RestartBudget.IsUnresolved(new RestartRecord { Outcome = "skipped" }));
    }
}
