using Guard.Alerts;
using Guard.OpenClaw.GatewayLog;
using Guard.Probing;
using Guard.Recovery;
using Guard.State;
using Guard.Systemd;
using Guard.Tests.TestSupport;
using NSubstitute;

namespace Guard.Tests.Recovery;

public sealed class RecoveryActorTests : IDisposable
{
    private readonly RecoveryHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Fewer_dark_rounds_than_AllFailedRounds_do_nothing()
    {
        Assert.Equal(RecoveryDecision.None, await _h.Actor.EvaluateAsync(_h.DarkRound(2), CancellationToken.None));
        Assert.Equal(0, _h.RestartCalls);
        Assert.Empty(_h.Records);
    }

    [Fact]
    public async Task Dark_chain_restarts_then_verifies_with_a_round_and_records_downtime()
    {
        _h.Prober.Handler = (m, t, _) => Task.FromResult(_h.RestartCalls > 0 ? TestChain.Ok(m.Id, t) : TestChain.Fail(m.Id, FailureKind.Timeout, t));
        var summary = _h.DarkRound(3);
        _h.Time.Advance(TimeSpan.FromSeconds(90));

        var decision = await _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None);

        Assert.Equal(RecoveryDecision.Restarted, decision);
        Assert.Equal(1, _h.RestartCalls);
        var record = Assert.Single(_h.Records);
        Assert.Equal(("restarted", "done", true, "ChainDark"), (record.Outcome, record.JobResult, record.Verified, record.Trigger));
        Assert.Equal(90, record.DowntimeSeconds);
        Assert.Equal([FailureKind.Timeout], record.FailureKinds);
        _h.Alerts.Received(1).Raise(Arg.Is<AlertEvent>(a => a.Kind == AlertEventKind.GatewayRestarted && a.Severity == AlertSeverity.Warning));
        Assert.True(summary.AllFailed);
    }

    [Fact]
    public async Task Quota_only_outage_is_skipped_once_per_episode_with_the_reset_time()
    {
        var reset = new DateTimeOffset(2026, 2, 13, 8, 0, 0, TimeSpan.Zero);
        for (var round = 3; round <= 6; round++)
        {
            Assert.Equal(RecoveryDecision.Skipped, await _h.Actor.EvaluateAsync(_h.DarkRound(round, FailureKind.QuotaExhausted, reset), CancellationToken.None));
            _h.Time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(0, _h.RestartCalls);
        var record = Assert.Single(_h.Records);
        Assert.Equal("skipped", record.Outcome);
        Assert.Equal($"restart would not help: {RecoveryHarness.Model} QuotaExhausted until 2026-02-13 08:00 UTC", record.Reason);
        _h.Alerts.Received(1).Raise(Arg.Is<AlertEvent>(a => a.Kind == AlertEventKind.RestartSkipped));

        // A new episode (a model answered in between) is said again.
        await _h.Actor.EvaluateAsync(_h.HealthyRound(), CancellationToken.None);
        await _h.Actor.EvaluateAsync(_h.DarkRound(3, FailureKind.QuotaExhausted, reset), CancellationToken.None);
        Assert.Equal(2, _h.Records.Count);
    }

    [Fact]
    public async Task A_gateway_that_answered_a_turn_since_the_outage_began_is_never_restarted()
    {
        _h.DarkRound(1);
        _h.Time.Advance(TimeSpan.FromSeconds(60));
        _h.Store.Update(s => s.Chain.LastServedAt = _h.Time.GetUtcNow());
        _h.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(RecoveryDecision.Skipped, await _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));
        Assert.Equal(RecoveryDecision.Skipped, await _h.Actor.EvaluateAsync(_h.DarkRound(4), CancellationToken.None));

        Assert.Equal(0, _h.RestartCalls);
        var record = Assert.Single(_h.Records);
        Assert.Equal("skipped", record.Outcome);
        Assert.Contains("it is serving", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_turn_answered_before_the_outage_began_does_not_block_the_restart()
    {
        _h.Store.Update(s => s.Chain.LastServedAt = _h.Time.GetUtcNow());
        _h.Time.Advance(TimeSpan.FromSeconds(1));
        _h.DarkRound(1);
        _h.Time.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(RecoveryDecision.Restarted, await _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));
        Assert.Equal(1, _h.RestartCalls);
    }

    [Fact]
    public async Task Exit_status_78_is_never_restarted()
    {
        _h.UnitStatus = RecoveryHarness.Failed("exit-code", 78);

        Assert.Equal(RecoveryDecision.Skipped, await _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));
        Assert.Equal(RecoveryDecision.Skipped, await _h.Actor.EvaluateAsync(_h.DarkRound(4), CancellationToken.None));

        await _h.Systemd.DidNotReceiveWithAnyArgs().RestartUnitAsync(default!, default!, default);
        var record = Assert.Single(_h.Records);
        Assert.Contains("status 78", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_exit_statuses_of_a_failed_unit_are_restarted()
    {
        _h.UnitStatus = RecoveryHarness.Failed("exit-code", 1);

        Assert.Equal(RecoveryDecision.Restarted, await _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));
    }

    [Fact]
    public async Task Start_limit_hit_is_reset_before_the_restart()
    {
        _h.UnitStatus = RecoveryHarness.Failed("start-limit-hit", 1);

        Assert.Equal(RecoveryDecision.Restarted, await _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));

        Received.InOrder(() =>
        {
            _h.Systemd.ResetFailedUnitAsync(RecoveryHarness.Unit, Arg.Any<CancellationToken>());
            _h.Systemd.RestartUnitAsync(RecoveryHarness.Unit, "replace", Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Spent_budget_enters_manual_intervention_once_and_a_working_model_clears_it()
    {
        _h.Options.Recovery.MaxRestarts = 2;
        Assert.Equal(RecoveryDecision.Restarted, await _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(RecoveryDecision.Waiting, await _h.Actor.EvaluateAsync(_h.DarkRound(4), CancellationToken.None));
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(RecoveryDecision.Restarted, await _h.Actor.EvaluateAsync(_h.DarkRound(5), CancellationToken.None));
        _h.Time.Advance(TimeSpan.FromMinutes(10));

        for (var round = 6; round < 10; round++)
        {
            Assert.Equal(RecoveryDecision.ManualIntervention, await _h.Actor.EvaluateAsync(_h.DarkRound(round), CancellationToken.None));
            _h.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(2, _h.RestartCalls);
        var state = _h.Store.Snapshot();
        Assert.True(state.Recovery.ManualInterventionNeeded);
        Assert.Single(state.Restarts, r => r.Reason.StartsWith("restart budget used up: 2 restarts", StringComparison.Ordinal));
        _h.Alerts.Received(1).Raise(Arg.Is<AlertEvent>(a => a.Kind == AlertEventKind.ManualInterventionNeeded));

        Assert.Equal(RecoveryDecision.None, await _h.Actor.EvaluateAsync(_h.HealthyRound(), CancellationToken.None));

        Assert.False(_h.Store.Snapshot().Recovery.ManualInterventionNeeded);
        _h.Alerts.Received(1).Resolve(RecoveryAlerts.ManualInterventionFingerprint(RecoveryHarness.Unit), Arg.Any<DateTimeOffset>(), Arg.Any<string?>());
    }

    [Fact]
    public async Task A_hung_gateway_with_the_budget_spent_does_not_repeat_the_manual_intervention_record()
    {
        _h.Options.Recovery.MaxRestarts = 0;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(RecoveryDecision.ManualIntervention,
                await _h.Actor.RestartAsync(RestartTriggers.GatewayHung, "hung", [], _h.Time.GetUtcNow(), CancellationToken.None));
        }

        Assert.Single(_h.Records);
        _h.Alerts.Received(1).Raise(Arg.Any<AlertEvent>());
    }

    [Theory]
    [InlineData(RestartTriggers.GatewayHung)]
    [InlineData(GatewayStuckDetector.Trigger)]
    public async Task Recovery_disabled_stops_every_automatic_trigger_but_not_the_owners_command(string trigger)
    {
        _h.Options.Recovery.Enabled = false;

        Assert.Equal(RecoveryDecision.Skipped, await _h.Actor.RestartAsync(trigger, "hung", [], _h.Time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(0, _h.RestartCalls);
        Assert.Contains("Enabled=false", Assert.Single(_h.Records).Reason, StringComparison.Ordinal);

        _h.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(RecoveryDecision.Restarted, await _h.Actor.RestartAsync(RestartTriggers.Manual, "by hand", [], _h.Time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(1, _h.RestartCalls);
    }

    [Fact]
    public async Task Manual_restart_keeps_the_budget_but_never_sets_manual_intervention()
    {
        _h.Options.Recovery.MaxRestarts = 1;
        var first = await _h.Actor.RestartDetailedAsync(RestartTriggers.Manual, "by hand", [], _h.Time.GetUtcNow(), CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await _h.Actor.RestartDetailedAsync(RestartTriggers.Manual, "by hand", [], _h.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(RecoveryDecision.Restarted, first.Decision);
        Assert.NotNull(first.Attempt);
        Assert.NotNull(first.Verification);
        Assert.Equal(RecoveryDecision.ManualIntervention, second.Decision);
        Assert.Null(second.Attempt);
        Assert.StartsWith("restart budget used up", second.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _h.RestartCalls);
        Assert.False(_h.Store.Snapshot().Recovery.ManualInterventionNeeded);
        Assert.Equal("Manual", Assert.Single(_h.Records).Trigger);
    }

    [Fact]
    public async Task Manual_restart_of_a_unit_that_exited_78_is_refused_and_recorded_but_not_alerted()
    {
        _h.UnitStatus = RecoveryHarness.Failed("exit-code", 78);

        var outcome = await _h.Actor.RestartDetailedAsync(RestartTriggers.Manual, "by hand", [], _h.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(RecoveryDecision.Skipped, outcome.Decision);
        Assert.Contains("78", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal("Manual", Assert.Single(_h.Records).Trigger);
        _h.Alerts.DidNotReceiveWithAnyArgs().Raise(default!);
    }

    [Fact]
    public async Task Restarts_written_by_the_command_count_against_the_service_budget()
    {
        _h.Options.Recovery.MaxRestarts = 1;
        ManualRestartLog.Upsert(ManualRestartLog.PathIn(_h.DataDirectory), new RestartRecord
        {
            At = _h.Time.GetUtcNow().AddMinutes(-5), Outcome = RestartBudget.AttemptedOutcome, Trigger = RestartTriggers.Manual, Verified = true,
        });

        Assert.Equal(RecoveryDecision.ManualIntervention, await _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));

        Assert.Equal(0, _h.RestartCalls);
        Assert.Contains(_h.Records, r => r.Trigger == RestartTriggers.Manual);
    }

    [Fact]
    public async Task Unreadable_unit_is_skipped_with_the_systemd_error()
    {
        _h.Systemd.GetUnitStateAsync(RecoveryHarness.Unit, Arg.Any<CancellationToken>())
            .Returns(SystemdResult<UnitStatus>.Failure(new SystemdError(SystemdErrorKind.NoSuchUnit, "Unit openclaw-gateway.service not found.")));

        Assert.Equal(RecoveryDecision.Skipped, await _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));
        Assert.Contains("not found", Assert.Single(_h.Records).Reason, StringComparison.Ordinal);
    }
}
