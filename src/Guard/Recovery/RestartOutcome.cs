using Guard.State;
using Guard.Systemd;
using Guard.Tracking;

namespace Guard.Recovery;

/// <summary>Everything one pass through the budgeted restart path decided and saw (for <c>guard restart-gateway</c>).</summary>
/// <param name="Decision">What was done.</param>
/// <param name="Reason">Why, in words (the refusal reason when nothing was restarted).</param>
/// <param name="UnitBefore">The unit before anything was done; null when it could not be read.</param>
/// <param name="Budget">The budget as checked; null when the path stopped before the budget.</param>
/// <param name="Record">The restart record written to the state; null when nothing was recorded.</param>
/// <param name="Attempt">The systemd side of the restart; null when no restart was attempted.</param>
/// <param name="Verification">The verification round; null when none ran.</param>
public sealed record RestartOutcome(
    RecoveryDecision Decision,
    string Reason,
    UnitStatus? UnitBefore = null,
    BudgetDecision? Budget = null,
    RestartRecord? Record = null,
    RestartAttempt? Attempt = null,
    RoundSummary? Verification = null);
