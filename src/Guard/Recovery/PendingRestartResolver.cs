using System.Globalization;
using Guard.Alerts;
using Guard.State;
using Guard.Systemd;
using Microsoft.Extensions.Logging;

namespace Guard.Recovery;

/// <summary>
/// At start-up (and before every restart) settles the attempts an earlier Guard wrote ahead of its D-Bus call but never
/// completed, from the unit's state (<see cref="PendingRestartJudge"/>), and queues the GatewayRestarted notice each real
/// restart still owes. Until settled, a pending attempt counts against the budget and the spacing like any restart.
/// Attempts of <c>guard restart-gateway</c> are left to that command: it may still be running.
/// </summary>
internal sealed partial class PendingRestartResolver(
    StateStore store, ISystemdManager systemd, IAlertPublisher alerts, IRestartJournal journal, TimeProvider time, ILogger logger)
{
    public const string UnknownOutcomeNote = "outcome unknown: Guard restarted during verification";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Returns how many records changed. Unit unreadable → left pending (still counted), tried again next time.</summary>
    public async Task<int> ResolveAsync(string configuredUnit, TimeSpan settleTimeout, CancellationToken cancellationToken)
    {
        if (!store.Read(s => s.Restarts.Exists(NeedsWork)))
        {
            return 0;
        }

        var open = store.Snapshot().Restarts.Where(NeedsWork).ToList();
        var changed = new List<RestartRecord>();
        foreach (var group in open.GroupBy(r => r.Unit ?? configuredUnit, StringComparer.Ordinal))
        {
            var unit = group.Key;
            UnitStatus? status = null;
            if (group.Any(RestartBudget.IsUnresolved))
            {
                status = await ReadSettledAsync(unit, settleTimeout, cancellationToken).ConfigureAwait(false);
                if (status is null)
                {
                    continue;
                }
            }

            foreach (var record in group)
            {
                if (RestartBudget.IsUnresolved(record))
                {
                    Settle(record, unit, status!);
                }

                if (record.NoticeQueued == false)
                {
                    // Same id as the notice the earlier Guard may already have queued: the outbox refuses a second one.
                    alerts.Raise(RecoveryAlerts.Restarted(unit, record));
                    record.NoticeQueued = true;
                }

                changed.Add(record);
            }
        }

        if (changed.Count == 0)
        {
            return 0;
        }

        store.Update(s =>
        {
            foreach (var record in changed)
            {
                var index = s.Restarts.FindIndex(r => r.At == record.At && r.Trigger == record.Trigger);
                if (index >= 0)
                {
                    s.Restarts[index] = record;
                }
            }
        });
        await journal.CommitAsync(changed[^1], CancellationToken.None).ConfigureAwait(false);
        return changed.Count;
    }

    // Manual attempts belong to the command; skipped and interrupted records owe nothing.
    private static bool NeedsWork(RestartRecord r) =>
        r.Trigger != RestartTriggers.Manual && (RestartBudget.IsUnresolved(r) || r.NoticeQueued == false);

    private void Settle(RestartRecord record, string unit, UnitStatus status)
    {
        var verdict = PendingRestartJudge.Judge(record, status);
        var seen = string.Create(CultureInfo.InvariantCulture,
            $"{unit} {status.ActiveState}/{status.SubState}, active since {Stamp(status.ActiveEnterTimestamp)}");
        record.ResolvedAt = time.GetUtcNow();
        record.Unit ??= unit;
        switch (verdict)
        {
            case PendingRestartVerdict.Restarted:
                record.Outcome = RestartBudget.AttemptedOutcome;
                record.Reason = $"{record.Reason}; {UnknownOutcomeNote} ({seen})";
                record.NoticeQueued ??= false; // files of earlier builds: the notice was never sent
                break;
            case PendingRestartVerdict.RestartFailed:
                record.Outcome = RestartBudget.FailedOutcome;
                record.Verified = false;
                record.Reason = $"{record.Reason}; {UnknownOutcomeNote} ({seen}: not active since the restart)";
                record.NoticeQueued ??= false;
                break;
            default:
                record.Outcome = RestartBudget.InterruptedOutcome;
                record.Reason = $"{record.Reason}; not restarted: Guard stopped before the restart reached systemd ({seen})";
                record.NoticeQueued = null; // no restart, no GatewayRestarted
                break;
        }

        LogSettled(logger, unit, record.At, verdict, seen);
    }

    private async Task<UnitStatus?> ReadSettledAsync(string unit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var read = await systemd.GetUnitStateAsync(unit, cancellationToken).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                LogUnreadable(logger, unit, read.Error!.Message);
                return null;
            }

            if (!PendingRestartJudge.IsInTransition(read.Value!) || time.GetUtcNow() >= deadline)
            {
                return read.Value;
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Stamp(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture) : "never";

    [LoggerMessage(EventId = 8310, Level = LogLevel.Warning, Message = "Restart of {Unit} attempted at {At:o} by an earlier Guard had no recorded outcome: {Verdict} ({Seen})")]
    private static partial void LogSettled(ILogger logger, string unit, DateTimeOffset at, PendingRestartVerdict verdict, string seen);

    [LoggerMessage(EventId = 8311, Level = LogLevel.Warning, Message = "Cannot settle an earlier restart attempt of {Unit} now ({Problem}); it keeps counting against the restart budget")]
    private static partial void LogUnreadable(ILogger logger, string unit, string problem);
}
