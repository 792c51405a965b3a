using Guard.Chain;
using Guard.Alerts;
using Guard.Configuration;
using Guard.Events;
using Guard.OpenClaw.Discovery;
using Guard.Probing;
using Guard.State;
using Guard.Systemd;
using Guard.Tracking;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.Recovery;

/// <summary>
/// Restarts the gateway when every model has failed <c>AllFailedRounds</c> rounds in a row — only when a restart can
/// help, within the persisted budget — then verifies with an immediate probe round. Every decision, including a
/// decision not to restart, is recorded in the state store and said once per dark episode. A restart is write-ahead:
/// the attempt is on disk (<see cref="IRestartJournal"/>) before the D-Bus call, so a Guard killed at any point still
/// counts it, and the next Guard settles it and sends its notice (<see cref="PendingRestartResolver"/>).
/// </summary>
public sealed partial class RecoveryActor : BackgroundService
{
    private const int HistoryLimit = 200;
    private const int ExitConfigInvalid = 78;
    private const string SkippedOutcome = "skipped";

    /// <summary>Decisions are made on recent rounds; one this far behind is history (the bus drops the oldest).</summary>
    private const int RoundsBehind = 16;

    private readonly IModelChain _chain;
    private readonly LiveOptions _options;
    private readonly IVerificationRound _verification;
    private readonly IEventPublisher _events;
    private readonly EventSubscription<RoundCompleted> _rounds;
    private readonly StateStore _store;
    private readonly GatewayRestarter _restarter;
    private readonly ISystemdManager _systemd;
    private readonly IAlertPublisher _alerts;
    private readonly IRestartJournal _journal;
    private readonly PendingRestartResolver _pending;
    private readonly TimeProvider _time;
    private readonly ILogger<RecoveryActor> _logger;
    private readonly SemaphoreSlim _restartGate = new(1, 1);

    public RecoveryActor(LiveOptions options, IModelChain chain, IVerificationRound verification, IEventSubscriber subscriber, IEventPublisher events,
        StateStore store, GatewayRestarter restarter, ISystemdManager systemd, IAlertPublisher alerts, IRestartJournal journal, TimeProvider time,
        ILogger<RecoveryActor> logger)
    {
        _options = options;
        _chain = chain;
        _verification = verification;
        _events = events;
        _store = store;
        _restarter = restarter;
        _systemd = systemd;
        _alerts = alerts;
        _journal = journal;
        _time = time;
        _logger = logger;
        _pending = new PendingRestartResolver(store, systemd, alerts, journal, time, logger);

        // Subscribed at construction, so no round completed before the host starts this actor is missed.
        ArgumentNullException.ThrowIfNull(subscriber);
        _rounds = subscriber.Subscribe<RoundCompleted>(nameof(RecoveryActor), RoundsBehind);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Before any round: an earlier Guard's unfinished restart is settled and announced first.
            await ResolvePendingAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogResolveFailed(_logger, ex);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await foreach (var round in _rounds.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await EvaluateAsync(round.Summary, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogEvaluationFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Decides on one completed round; callable directly by tests.</summary>
    public async Task<RecoveryDecision> EvaluateAsync(RoundSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var options = _options.Current;
        var unit = options.OpenClaw.Unit;

        // Every round, not only with the 30 s health check: a `guard restart-gateway` that finished after the service
        // merged its write-ahead record must not stay "pending" in the state file.
        ImportManualRestarts();
        if (!summary.AllFailed)
        {
            ClearEpisode(unit, summary.At);
            return RecoveryDecision.None;
        }

        if (summary.ConsecutiveAllFailedRounds < options.Recovery.AllFailedRounds)
        {
            return RecoveryDecision.None;
        }

        var state = _store.Snapshot();
        if (state.Recovery.ManualInterventionNeeded)
        {
            return RecoveryDecision.ManualIntervention;
        }

        if (!options.Recovery.Enabled)
        {
            return SkipOnce(unit, RestartTriggers.ChainDark, "automatic restarts are off (Guard:Recovery:Enabled=false)", summary, state);
        }

        var gate = RestartGate.Evaluate(summary.Models, options.Recovery);
        if (!gate.Restart)
        {
            return SkipOnce(unit, RestartTriggers.ChainDark, gate.Reason, summary, state);
        }

        var kinds = summary.Models.Where(v => !v.Ok && v.Kind is not null).Select(v => v.Kind!.Value).Distinct().ToList();
        return await RestartAsync(RestartTriggers.ChainDark, gate.Reason, kinds, state.Chain.DarkSince ?? summary.At, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The one budgeted path every restart takes (dark chain, hung gateway, manual command). Callers apply their own
    /// gate first; this path always refuses a unit that exited with 78 and always keeps the budget.
    /// </summary>
    public async Task<RecoveryDecision> RestartAsync(string trigger, string reason, IReadOnlyList<FailureKind> kinds,
        DateTimeOffset outageStart, CancellationToken cancellationToken) =>
        (await RestartDetailedAsync(trigger, reason, kinds, outageStart, cancellationToken).ConfigureAwait(false)).Decision;

    /// <summary><see cref="RestartAsync"/> with everything it saw, for the command that prints it.</summary>
    public async Task<RestartOutcome> RestartDetailedAsync(string trigger, string reason, IReadOnlyList<FailureKind> kinds,
        DateTimeOffset outageStart, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(trigger);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(kinds);
        await _restartGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RestartCoreAsync(trigger, reason, kinds, outageStart, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _restartGate.Release();
        }
    }

    /// <summary>
    /// Settles restart attempts an earlier Guard wrote ahead but never completed, and queues the notices they owe.
    /// Runs at start-up and before every restart; returns how many records changed.
    /// </summary>
    public async Task<int> ResolvePendingAsync(CancellationToken cancellationToken)
    {
        await _restartGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var options = _options.Current;
            return await _pending.ResolveAsync(options.OpenClaw.Unit, options.Recovery.VerifyTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _restartGate.Release();
        }
    }

    /// <summary>Merges restarts made by <c>guard restart-gateway</c> (see <see cref="ManualRestartLog"/>) into the store.</summary>
    public void ImportManualRestarts()
    {
        var path = ManualRestartLog.PathIn(_options.Current.DataDirectory);
        var records = ManualRestartLog.Read(path);
        if (records.Count == 0 || !_store.Read(s => ManualRestartLog.HasNew(s, records)))
        {
            return;
        }

        _store.Update(s => ManualRestartLog.MergeInto(s, records));
        LogImported(_logger, path);
    }

    private async Task<RestartOutcome> RestartCoreAsync(string trigger, string reason, IReadOnlyList<FailureKind> kinds,
        DateTimeOffset outageStart, CancellationToken cancellationToken)
    {
        var options = _options.Current;
        var unit = options.OpenClaw.Unit;
        ImportManualRestarts();
        if (trigger != RestartTriggers.Manual)
        {
            // The command (manual trigger) cannot send notices: it leaves the service's pending attempts to the service.
            await _pending.ResolveAsync(unit, options.Recovery.VerifyTimeout, cancellationToken).ConfigureAwait(false);
        }

        var state = _store.Snapshot();
        var now = _time.GetUtcNow();

        // Every automatic trigger (dark chain, hung or stuck gateway) obeys the switch; only the owner's command does not.
        if (trigger != RestartTriggers.Manual && !options.Recovery.Enabled)
        {
            const string off = "automatic restarts are off (Guard:Recovery:Enabled=false)";
            return new RestartOutcome(SkipOnce(unit, trigger, off, null, state), off);
        }

        var unitState = await _systemd.GetUnitStateAsync(unit, cancellationToken).ConfigureAwait(false);
        if (!unitState.IsSuccess)
        {
            var why = $"cannot restart {unit}: {unitState.Error!.Message}";
            return new RestartOutcome(SkipOnce(unit, trigger, why, null, state), why);
        }

        var before = unitState.Value!;
        if (IsConfigRejected(before))
        {
            var why = $"{unit} last exited with status 78 (OpenClaw rejected its configuration): fix openclaw.json, a restart would only fail again";
            return new RestartOutcome(SkipOnce(unit, trigger, why, null, state), why, before);
        }

        // The owner who runs `guard restart-gateway` decides for themselves; Guard never restarts a serving gateway.
        if (trigger != RestartTriggers.Manual && ServingGate.Refusal(state.Chain, outageStart) is { } serving)
        {
            return new RestartOutcome(SkipOnce(unit, trigger, serving, null, state), serving, before);
        }

        var budget = RestartBudget.Check(state.Restarts, now, options.Recovery);
        if (budget.Exhausted)
        {
            var why = ExhaustedReason(unit, budget, options.Recovery);
            if (trigger != RestartTriggers.Manual && !state.Recovery.ManualInterventionNeeded)
            {
                // Said once; the flag stays until a model answers again.
                EnterManualIntervention(unit, trigger, why, now);
            }

            return new RestartOutcome(RecoveryDecision.ManualIntervention, why, before, budget);
        }

        if (!budget.Allowed)
        {
            LogSpacing(_logger, unit, budget.NextAllowedAt);
            return new RestartOutcome(RecoveryDecision.Waiting, $"restart spacing: next restart allowed at {budget.NextAllowedAt:u}", before, budget);
        }

        // Write-ahead: durably on disk before the D-Bus call, so a Guard killed from here on still counts it (budget and
        // spacing) and the next one settles it from the unit's state and sends the notice it owes.
        var record = new RestartRecord
        {
            At = now, Reason = reason, FailureKinds = [.. kinds], Outcome = RestartBudget.PendingOutcome, Trigger = trigger,
            Unit = unit, BudgetSlot = budget.UsedInWindow + 1, NoticeQueued = false,
        };
        _store.Update(s => AddRecord(s, record));
        _events.Publish(new RestartRecorded(record));
        if (!await _journal.CommitAsync(record, cancellationToken).ConfigureAwait(false))
        {
            // A restart the next Guard might not know about could break the budget; the gateway stays as it is.
            _store.Update(s => s.Restarts.RemoveAll(r => r.At == record.At && r.Trigger == record.Trigger));
            var why = $"not restarting {unit}: the restart record could not be written to disk ({_store.FilePath}), and a restart " +
                "Guard cannot record could exceed the restart budget after a crash. Free space or fix permissions in the data directory.";
            LogWriteAheadFailed(_logger, unit);
            return new RestartOutcome(SkipOnce(unit, trigger, why, null, state), why, before, budget);
        }

        LogRestartDecided(_logger, unit, trigger, reason, budget.UsedInWindow + 1, options.Recovery.MaxRestarts);

        var attempt = await _restarter.RestartAsync(unit, options.Recovery, GatewayHealthUrl.For(options.OpenClaw, _chain), cancellationToken).ConfigureAwait(false);
        record = Copy(record);
        record.JobResult = attempt.JobResult;
        record.Outcome = RestartBudget.AttemptedOutcome;
        RoundSummary? verification = null;
        if (!attempt.Succeeded)
        {
            record.Outcome = RestartBudget.FailedOutcome;
            record.Reason = $"{reason}; {attempt.Detail}";
            record.Verified = false;
        }
        else
        {
            verification = await _verification.RunVerificationRoundAsync(cancellationToken).ConfigureAwait(false);
            var done = _time.GetUtcNow();
            record.Verified = verification?.Models.Any(v => v.Ok) == true;
            if (record.Verified == true)
            {
                record.RecoverySeconds = (done - now).TotalSeconds;
                record.DowntimeSeconds = (done - outageStart).TotalSeconds;
            }
        }

        // The notice first: a Guard killed before the outcome below reaches the disk leaves the attempt pending, and the
        // next one queues the same notice id again, which the outbox refuses.
        _alerts.Raise(RecoveryAlerts.Restarted(unit, record));
        record.NoticeQueued = true;
        _store.Update(s => ReplaceRecord(s, record));
        _events.Publish(new RestartRecorded(record));
        await _journal.CommitAsync(record, CancellationToken.None).ConfigureAwait(false);
        LogRestartOutcome(_logger, unit, record.Outcome, record.JobResult, record.Verified, record.DowntimeSeconds);
        var decision = attempt.Succeeded ? RecoveryDecision.Restarted : RecoveryDecision.RestartFailed;
        return new RestartOutcome(decision, record.Reason, before, budget, record, attempt, verification);
    }

    private RecoveryDecision SkipOnce(string unit, string trigger, string reason, RoundSummary? summary, GuardState state)
    {
        var episode = state.Chain.DarkSince ?? summary?.At ?? _time.GetUtcNow();
        var manual = trigger == RestartTriggers.Manual;
        if (!manual && state.Recovery.SkipRecordedForEpisode == episode && state.Recovery.LastSkipReason == reason)
        {
            return RecoveryDecision.Skipped;
        }

        var now = _time.GetUtcNow();
        var kinds = summary?.Models.Where(v => v.Kind is not null).Select(v => v.Kind!.Value).Distinct().ToList() ?? [];
        var record = new RestartRecord { At = now, Reason = reason, FailureKinds = kinds, Outcome = SkippedOutcome, Trigger = trigger };
        _store.Update(s =>
        {
            if (!manual)
            {
                s.Recovery.SkipRecordedForEpisode = episode;
                s.Recovery.LastSkipReason = reason;
            }

            AddRecord(s, record);
        });
        _events.Publish(new RestartRecorded(record));
        LogSkipped(_logger, unit, reason);
        if (!manual)
        {
            // The person who ran the command reads the refusal on their terminal.
            _alerts.Raise(RecoveryAlerts.Skipped(unit, reason, now));
        }

        return RecoveryDecision.Skipped;
    }

    /// <summary>OpenClaw exits 78 on invalid configuration; its unit then stays down (RestartPreventExitStatus=78).</summary>
    public static bool IsConfigRejected(UnitStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.ExecMainStatus == ExitConfigInvalid && !status.IsActive;
    }

    private static string ExhaustedReason(string unit, BudgetDecision budget, RecoveryOptions options) =>
        $"restart budget used up: {budget.UsedInWindow} restarts within {options.RestartWindow}" +
        (budget.NextAllowedAt is { } next ? $" (next allowed {next:u})" : "") +
        "; Guard stops restarting until a model answers again. Check the keys, quotas and `journalctl --user -u " + unit + "`.";

    private static RestartRecord Copy(RestartRecord r) => new()
    {
        At = r.At, Reason = r.Reason, FailureKinds = [.. r.FailureKinds], JobResult = r.JobResult, Verified = r.Verified,
        DowntimeSeconds = r.DowntimeSeconds, Outcome = r.Outcome, Trigger = r.Trigger, RecoverySeconds = r.RecoverySeconds,
        Unit = r.Unit, BudgetSlot = r.BudgetSlot, NoticeQueued = r.NoticeQueued, ResolvedAt = r.ResolvedAt,
    };

    private void EnterManualIntervention(string unit, string trigger, string reason, DateTimeOffset now)
    {
        var record = new RestartRecord { At = now, Reason = reason, Outcome = SkippedOutcome, Trigger = trigger };
        _store.Update(s =>
        {
            s.Recovery.ManualInterventionNeeded = true;
            s.Recovery.ManualInterventionSince = now;
            AddRecord(s, record);
        });
        _events.Publish(new RestartRecorded(record));
        LogManualIntervention(_logger, unit, reason);
        _alerts.Raise(RecoveryAlerts.ManualIntervention(unit, reason, now));
    }

    private void ClearEpisode(string unit, DateTimeOffset at)
    {
        var recovery = _store.Read(s => (s.Recovery.ManualInterventionNeeded, s.Recovery.SkipRecordedForEpisode));
        if (!recovery.ManualInterventionNeeded && recovery.SkipRecordedForEpisode is null)
        {
            return;
        }

        _store.Update(s =>
        {
            s.Recovery.ManualInterventionNeeded = false;
            s.Recovery.ManualInterventionSince = null;
            s.Recovery.SkipRecordedForEpisode = null;
            s.Recovery.LastSkipReason = null;
        });
        if (recovery.ManualInterventionNeeded)
        {
            _alerts.Resolve(RecoveryAlerts.ManualInterventionFingerprint(unit), at, "a model answers again");
        }
    }

    private static void AddRecord(GuardState state, RestartRecord record)
    {
        state.Restarts.Add(record);
        if (state.Restarts.Count > HistoryLimit)
        {
            state.Restarts.RemoveRange(0, state.Restarts.Count - HistoryLimit);
        }
    }

    private static void ReplaceRecord(GuardState state, RestartRecord record)
    {
        var index = state.Restarts.FindLastIndex(r => r.At == record.At && r.Trigger == record.Trigger);
        if (index >= 0)
        {
            state.Restarts[index] = record;
        }
        else
        {
            AddRecord(state, record);
        }
    }

    public override void Dispose()
    {
        _rounds.Dispose();
        _restartGate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning, Message = "Restarting {Unit} ({Trigger}): {Reason} — restart {Used} of {Max} in the window")]
    private static partial void LogRestartDecided(ILogger logger, string unit, string trigger, string reason, int used, int max);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Restart of {Unit} {Outcome}: job {JobResult}, verified {Verified}, downtime {DowntimeSeconds} s")]
    private static partial void LogRestartOutcome(ILogger logger, string unit, string outcome, string? jobResult, bool? verified, double? downtimeSeconds);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Not restarting {Unit}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string unit, string reason);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Critical, Message = "Manual intervention needed for {Unit}: {Reason}")]
    private static partial void LogManualIntervention(ILogger logger, string unit, string reason);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Information, Message = "Chain still dark; next restart of {Unit} allowed at {NextAllowedAt}")]
    private static partial void LogSpacing(ILogger logger, string unit, DateTimeOffset? nextAllowedAt);

    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Merged restarts made by `guard restart-gateway` from {Path}")]
    private static partial void LogImported(ILogger logger, string path);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Error, Message = "Recovery evaluation failed; it will run again after the next round")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8301, Level = LogLevel.Error, Message = "Not restarting {Unit}: the write-ahead restart record could not be written to disk")]
    private static partial void LogWriteAheadFailed(ILogger logger, string unit);

    [LoggerMessage(EventId = 8302, Level = LogLevel.Error, Message = "Settling earlier restart attempts failed; they keep counting against the budget and are tried again before the next restart")]
    private static partial void LogResolveFailed(ILogger logger, Exception exception);
}
