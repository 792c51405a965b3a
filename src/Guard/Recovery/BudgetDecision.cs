namespace Guard.Recovery;

/// <summary>What the restart budget allows now.</summary>
/// <param name="Allowed">A restart may happen now.</param>
/// <param name="Exhausted">MaxRestarts reached within RestartWindow: manual intervention is needed.</param>
/// <param name="NextAllowedAt">When spacing or the window permits the next one (null when exhausted with no end in view).</param>
/// <param name="UsedInWindow">Restarts attempted within the window.</param>
public sealed record BudgetDecision(bool Allowed, bool Exhausted, DateTimeOffset? NextAllowedAt, int UsedInWindow);
