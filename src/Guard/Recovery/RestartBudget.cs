using Guard.Configuration;
using Guard.State;

namespace Guard.Recovery;

/// <summary>
/// At most MaxRestarts per RestartWindow, with spacing that doubles after each attempt in the window. The history
/// lives in the state file, so restarting Guard never resets the budget. The smallest spacing (15 s) keeps Guard
/// far below OpenClaw's StartLimitBurst of 5 starts per 60 s.
/// </summary>
public static class RestartBudget
{
    public const string AttemptedOutcome = "restarted";
    public const string FailedOutcome = "restart-failed";

    /// <summary>Written (fsync'd) before the D-Bus call; replaced by the outcome, or by a later Guard's resolution.</summary>
    public const string PendingOutcome = "pending";

    /// <summary>A pending attempt a later Guard found never reached systemd. Still counts: the slot was taken.</summary>
    public const string InterruptedOutcome = "interrupted";

    public static BudgetDecision Check(IReadOnlyList<RestartRecord> history, DateTimeOffset now, RecoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var attempts = history
            .Where(r => Counts(r) && now - r.At < options.RestartWindow)
            .OrderBy(r => r.At)
            .ToList();
        if (attempts.Count >= options.MaxRestarts)
        {
            var windowEnd = attempts.Count > 0 ? attempts[0].At + options.RestartWindow : (DateTimeOffset?)null;
            return new BudgetDecision(false, true, windowEnd, attempts.Count);
        }

        if (attempts.Count == 0)
        {
            return new BudgetDecision(true, false, now, 0);
        }

        var spacing = options.MinSpacing * Math.Pow(2, attempts.Count - 1);
        var next = attempts[^1].At + spacing;
        return new BudgetDecision(next <= now, false, next, attempts.Count);
    }

    /// <summary>Every attempt counts, whatever became of it: an outcome nobody wrote down is treated as a restart.</summary>
    public static bool Counts(RestartRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Outcome is AttemptedOutcome or FailedOutcome or PendingOutcome or InterruptedOutcome;
    }

    /// <summary>
    /// An attempt whose outcome was never recorded: <see cref="PendingOutcome"/>, or (files of earlier builds, which
    /// wrote the attempt as "restarted" and completed it only after verification) "restarted" with no job result yet.
    /// </summary>
    public static bool IsUnresolved(RestartRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Outcome == PendingOutcome
            || (record.Outcome == AttemptedOutcome && record.JobResult is null && record.Verified is null && record.ResolvedAt is null);
    }
}
