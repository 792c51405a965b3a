using Guard.Alerts;
using Guard.Probing;
using Guard.Recovery;
using Guard.State;
using Guard.Systemd;
using Guard.Tests.Alerts;
using Guard.Tests.TestSupport;
using NSubstitute;

namespace Guard.Tests.Recovery;

/// <summary>
/// Issue 14, items 1–2 at unit level: the attempt is on disk before the D-Bus call, a Guard that dies at any later point
/// leaves a record the next one counts, settles from the unit's state and announces exactly once.
/// "Killed" here means: an exception stops the restart path, and <see cref="RecoveryHarness.NextLife"/> opens the state
/// file as it was left on disk (nothing kept only in memory survives; no persister batch ran).
/// </summary>
public sealed class WriteAheadRestartTests : IDisposable
{
    private readonly RecoveryHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task The_attempt_is_on_disk_before_the_DBus_call_and_the_outcome_right_after()
    {
        List<RestartRecord>? onDiskAtCall = null;
        _h.Systemd.When(s => s.RestartUnitAsync(RecoveryHarness.Unit, "replace", Arg.Any<CancellationToken>()))
            .Do(_ => onDiskAtCall = _h.RecordsOnDisk);

        Assert.Equal(RecoveryDecision.Restarted, await _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));

        var ahead = Assert.Single(onDiskAtCall!);
        Assert.Equal((RestartBudget.PendingOutcome, RestartTriggers.ChainDark, RecoveryHarness.Unit, 1, false),
            (ahead.Outcome, ahead.Trigger, ahead.Unit, ahead.BudgetSlot, ahead.NoticeQueued));
        Assert.Null(ahead.JobResult);
        var after = Assert.Single(_h.RecordsOnDisk);
        Assert.Equal((ahead.At, RestartBudget.AttemptedOutcome, "done", false, true),
            (after.At, after.Outcome, after.JobResult, after.Verified, after.NoticeQueued));
        _h.Alerts.Received(1).Raise(Arg.Is<AlertEvent>(a => a.Kind == AlertEventKind.GatewayRestarted && a.At == ahead.At));
    }

    [Fact]
    public async Task A_restart_that_cannot_be_recorded_durably_is_not_made()
    {
        var journal = new RecordingRestartJournal { Succeeds = false };
        using var h = new RecoveryHarness(journal: journal);

        var decision = await h.Actor.EvaluateAsync(h.DarkRound(3), CancellationToken.None);

        Assert.Equal(RecoveryDecision.Skipped, decision);
        Assert.Equal(0, h.RestartCalls);
        var record = Assert.Single(h.Records);
        Assert.Equal("skipped", record.Outcome);
        Assert.Contains("could not be written to disk", record.Reason, StringComparison.Ordinal);
        Assert.Equal(RestartBudget.PendingOutcome, Assert.Single(journal.Commits).Outcome);
        h.Alerts.Received(1).Raise(Arg.Is<AlertEvent>(a => a.Kind == AlertEventKind.RestartSkipped));
        Assert.Contains(h.Logger.Entries, e => e.Id.Id == 8301);
    }

    [Fact]
    public async Task Killed_during_verification_the_next_Guard_counts_the_restart_settles_it_and_announces_it()
    {
        _h.Systemd.WaitForJobAsync(Arg.Any<string>(), Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>())
            .Returns<Task<SystemdResult<SystemdJobCompletion>>>(_ => throw new InvalidOperationException("SIGKILL"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));
        Assert.Equal(1, _h.RestartCalls);
        var attemptAt = Assert.Single(_h.RecordsOnDisk).At;
        _h.Alerts.DidNotReceiveWithAnyArgs().Raise(default!);

        using var next = _h.NextLife(TimeSpan.FromSeconds(3));
        next.UnitStatus = _h.UnitStatus; // what the restart left: active since just after the attempt
        Assert.Equal(1, await next.Actor.ResolvePendingAsync(CancellationToken.None));

        var settled = Assert.Single(next.RecordsOnDisk);
        Assert.Equal((attemptAt, RestartBudget.AttemptedOutcome, true, (bool?)null), (settled.At, settled.Outcome, settled.NoticeQueued, settled.Verified));
        Assert.Equal(next.Time.GetUtcNow(), settled.ResolvedAt);
        Assert.Contains(PendingRestartResolver.UnknownOutcomeNote, settled.Reason, StringComparison.Ordinal);
        next.Alerts.Received(1).Raise(Arg.Is<AlertEvent>(a =>
            a.Kind == AlertEventKind.GatewayRestarted && a.At == attemptAt
            && a.Fingerprint == $"GatewayRestarted|{RecoveryHarness.Unit}|{attemptAt.ToUnixTimeSeconds()}"
            && a.Detail!.Contains("outcome unknown: Guard restarted during verification", StringComparison.Ordinal)
            && a.Labels["verified"] == "unknown"));

        // Counted: still dark three seconds later, the spacing holds; once it has passed, the next restart takes slot 2.
        Assert.Equal(RecoveryDecision.Waiting, await next.Actor.EvaluateAsync(next.DarkRound(3), CancellationToken.None));
        Assert.Equal(0, next.RestartCalls);
        next.Time.Advance(next.Options.Recovery.MinSpacing);
        Assert.Equal(RecoveryDecision.Restarted, await next.Actor.EvaluateAsync(next.DarkRound(4), CancellationToken.None));
        Assert.Equal(2, next.Records[^1].BudgetSlot);

        // Settled once: a third Guard finds nothing to do and announces nothing.
        using var third = next.NextLife(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await third.Actor.ResolvePendingAsync(CancellationToken.None));
        third.Alerts.DidNotReceiveWithAnyArgs().Raise(default!);
    }

    [Fact]
    public async Task Killed_before_the_DBus_call_the_next_Guard_counts_the_slot_but_announces_nothing()
    {
        var before = _h.Time.GetUtcNow().AddHours(-1);
        _h.UnitStatus = RecoveryHarness.Running() with { ActiveEnterTimestamp = before, InactiveEnterTimestamp = before.AddSeconds(-1) };
        _h.Systemd.RestartUnitAsync(RecoveryHarness.Unit, "replace", Arg.Any<CancellationToken>())
            .Returns<Task<SystemdResult<string>>>(_ => throw new InvalidOperationException("SIGKILL"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));

        using var next = _h.NextLife(TimeSpan.FromSeconds(3));
        next.UnitStatus = _h.UnitStatus;
        Assert.Equal(1, await next.Actor.ResolvePendingAsync(CancellationToken.None));

        var settled = Assert.Single(next.Records);
        Assert.Equal((RestartBudget.InterruptedOutcome, (bool?)null), (settled.Outcome, settled.NoticeQueued));
        Assert.Contains("not restarted: Guard stopped before the restart reached systemd", settled.Reason, StringComparison.Ordinal);
        next.Alerts.DidNotReceiveWithAnyArgs().Raise(default!);
        Assert.Equal(RecoveryDecision.Waiting, await next.Actor.EvaluateAsync(next.DarkRound(3), CancellationToken.None));
    }

    [Fact]
    public async Task Killed_after_queuing_the_notice_but_before_recording_it_the_next_Guard_does_not_send_a_second()
    {
        using var bed = new AlertTestBed("owner");
        using var h = new RecoveryHarness(alerts: bed.Manager, wrapJournal: journal => new KilledAtJournal(journal,
            record => record.NoticeQueued == true, "SIGKILL between the outbox write and the state write"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Actor.EvaluateAsync(h.DarkRound(3), CancellationToken.None));
        Assert.Equal(RestartBudget.PendingOutcome, Assert.Single(h.RecordsOnDisk).Outcome);

        bed.Restart(); // the outbox as the dead Guard left it on disk
        using var next = h.NextLife(TimeSpan.FromSeconds(3), alerts: bed.Manager);
        next.UnitStatus = h.UnitStatus;
        Assert.Equal(1, await next.Actor.ResolvePendingAsync(CancellationToken.None));
        await bed.Dispatcher.DrainOnceAsync(CancellationToken.None);

        var notice = Assert.Single(bed.Sent(), m => m.Kind == AlertEventKind.GatewayRestarted);
        Assert.Contains("verified no", notice.Text, StringComparison.Ordinal); // the first Guard's notice, with its outcome
        Assert.True(Assert.Single(next.RecordsOnDisk).NoticeQueued);
        Assert.Single(bed.Outbox.Read(d => d.Entries.Where(e => e.Message.Kind == AlertEventKind.GatewayRestarted).ToList()));
    }

    [Fact]
    public async Task An_unreadable_unit_leaves_the_attempt_pending_and_counted_until_it_can_be_read()
    {
        _h.Systemd.WaitForJobAsync(Arg.Any<string>(), Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>())
            .Returns<Task<SystemdResult<SystemdJobCompletion>>>(_ => throw new InvalidOperationException("SIGKILL"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));

        using var next = _h.NextLife(TimeSpan.FromSeconds(3));
        next.Systemd.GetUnitStateAsync(RecoveryHarness.Unit, Arg.Any<CancellationToken>())
            .Returns(SystemdResult<UnitStatus>.Failure(new SystemdError(SystemdErrorKind.NoBus, "no bus")));
        Assert.Equal(0, await next.Actor.ResolvePendingAsync(CancellationToken.None));
        Assert.Equal(RestartBudget.PendingOutcome, Assert.Single(next.Records).Outcome);
        Assert.Equal(1, RestartBudget.Check(next.Records, next.Time.GetUtcNow(), next.Options.Recovery).UsedInWindow);
        next.Alerts.DidNotReceiveWithAnyArgs().Raise(default!);

        next.Systemd.GetUnitStateAsync(RecoveryHarness.Unit, Arg.Any<CancellationToken>()).Returns(SystemdResult<UnitStatus>.Success(_h.UnitStatus));
        Assert.Equal(1, await next.Actor.ResolvePendingAsync(CancellationToken.None));
        Assert.Equal(RestartBudget.AttemptedOutcome, Assert.Single(next.Records).Outcome);
        next.Alerts.Received(1).Raise(Arg.Is<AlertEvent>(a => a.Kind == AlertEventKind.GatewayRestarted));
    }

    [Fact]
    public async Task A_unit_still_starting_is_waited_for_then_judged()
    {
        _h.Systemd.WaitForJobAsync(Arg.Any<string>(), Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>())
            .Returns<Task<SystemdResult<SystemdJobCompletion>>>(_ => throw new InvalidOperationException("SIGKILL"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));
        var attemptAt = Assert.Single(_h.Records).At;

        using var next = _h.NextLife(TimeSpan.FromSeconds(1));
        var starting = RecoveryHarness.Running() with
        {
            ActiveState = "activating", SubState = "start-pre", ActiveEnterTimestamp = attemptAt.AddHours(-1), InactiveEnterTimestamp = attemptAt.AddSeconds(0.1),
        };
        var reads = 0;
        next.Systemd.GetUnitStateAsync(RecoveryHarness.Unit, Arg.Any<CancellationToken>()).Returns(_ =>
            SystemdResult<UnitStatus>.Success(++reads < 3 ? starting : RecoveryHarness.Running() with { ActiveEnterTimestamp = attemptAt.AddSeconds(2) }));

        var resolving = next.Actor.ResolvePendingAsync(CancellationToken.None);
        for (var i = 0; i < 200 && !resolving.IsCompleted; i++)
        {
            next.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(5);
        }

        Assert.Equal(1, await resolving);
        Assert.True(reads >= 3, $"judged after {reads} reads: the unit was still starting");
        Assert.Equal(RestartBudget.AttemptedOutcome, Assert.Single(next.Records).Outcome);
    }

    [Fact]
    public async Task An_earlier_builds_unfinished_restart_record_is_settled_and_announced()
    {
        var at = _h.Time.GetUtcNow().AddSeconds(-20);
        _h.Store.Update(s => s.Restarts.Add(new RestartRecord
        {
            At = at, Reason = "all models failing", Outcome = RestartBudget.AttemptedOutcome, Trigger = RestartTriggers.ChainDark,
            FailureKinds = [FailureKind.Timeout],
        }));
        _h.UnitStatus = RecoveryHarness.Running() with { ActiveEnterTimestamp = at.AddSeconds(1) };

        Assert.Equal(1, await _h.Actor.ResolvePendingAsync(CancellationToken.None));

        var settled = Assert.Single(_h.RecordsOnDisk);
        Assert.Equal((RecoveryHarness.Unit, true), (settled.Unit, settled.NoticeQueued));
        Assert.NotNull(settled.ResolvedAt);
        _h.Alerts.Received(1).Raise(Arg.Is<AlertEvent>(a => a.Kind == AlertEventKind.GatewayRestarted && a.At == at));
    }

    [Fact]
    public async Task A_pending_manual_restart_is_left_to_the_command_that_may_still_be_running()
    {
        var at = _h.Time.GetUtcNow().AddSeconds(-5);
        _h.Store.Update(s => s.Restarts.Add(new RestartRecord { At = at, Outcome = RestartBudget.PendingOutcome, Trigger = RestartTriggers.Manual }));
        _h.UnitStatus = RecoveryHarness.Running() with { ActiveEnterTimestamp = at.AddSeconds(1) };

        Assert.Equal(0, await _h.Actor.ResolvePendingAsync(CancellationToken.None));

        Assert.Equal(RestartBudget.PendingOutcome, Assert.Single(_h.Records).Outcome);
        _h.Alerts.DidNotReceiveWithAnyArgs().Raise(default!);
        Assert.Equal(RecoveryDecision.Waiting, await _h.Actor.EvaluateAsync(_h.DarkRound(3), CancellationToken.None));
    }
}
