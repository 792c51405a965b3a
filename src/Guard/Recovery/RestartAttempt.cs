using Guard.Systemd;

namespace Guard.Recovery;

/// <summary>How one restart went at the systemd level (before any model was probed).</summary>
public sealed record RestartAttempt(bool Succeeded, string? JobResult, string Detail, UnitStatus? UnitAfter, bool ResetFailedFirst);
