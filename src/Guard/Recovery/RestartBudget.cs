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

    public static BudgetDecision Check(IReadOnlyList<RestartRecord> history, DateTimeOffset now, RecoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var attempts = history
            .Where(r => r.Outcome is AttemptedOutcome or FailedOutcome && now - r.At < options.RestartWindow)
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
}
