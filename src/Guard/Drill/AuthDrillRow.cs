using Guard.Probing;

namespace Guard.Drill;

/// <summary>One model's drill outcome: PASS when the corrupted key was classified AuthFailed or Forbidden.</summary>
public sealed record AuthDrillRow(string ModelId, string Tier, bool Passed, FailureKind? Kind, int? HttpStatus, string Verdict);
