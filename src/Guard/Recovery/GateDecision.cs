namespace Guard.Recovery;

/// <summary>Whether the failures seen justify a restart, and the reason in words for the record and the alert.</summary>
public sealed record GateDecision(bool Restart, string Reason);
