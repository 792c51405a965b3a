namespace Guard.Systemd;

/// <summary>
/// A unit's state as systemd reports it. The service-only fields are null for other unit types.
/// </summary>
/// <param name="Unit">The unit name.</param>
/// <param name="LoadState"><c>loaded</c>, <c>not-found</c>, <c>bad-setting</c>, <c>masked</c>, …</param>
/// <param name="ActiveState"><c>active</c>, <c>activating</c>, <c>failed</c>, <c>inactive</c>, …</param>
/// <param name="SubState"><c>running</c>, <c>auto-restart</c>, <c>failed</c>, …</param>
/// <param name="Result">Service result: <c>success</c>, <c>exit-code</c>, <c>start-limit-hit</c>, …</param>
/// <param name="ExecMainCode">The main process's <c>si_code</c> (1 exited, 2 killed, 3 dumped).</param>
/// <param name="ExecMainStatus">The main process's last exit status (or signal); 78 means the gateway's config is invalid.</param>
/// <param name="NRestarts">Automatic restarts since the last manual start.</param>
/// <param name="ActiveEnterTimestamp">When the unit last became active.</param>
/// <param name="InactiveEnterTimestamp">When the unit last became inactive or failed.</param>
public sealed record UnitStatus(
    string Unit,
    string LoadState,
    string ActiveState,
    string SubState,
    string? Result,
    int? ExecMainCode,
    int? ExecMainStatus,
    uint? NRestarts,
    DateTimeOffset? ActiveEnterTimestamp,
    DateTimeOffset? InactiveEnterTimestamp)
{
    /// <summary>The service's main process id; null or 0 when none runs (or not a service).</summary>
    public uint? MainPid { get; init; }

    public bool IsActive => ActiveState == "active";

    public bool IsFailed => ActiveState == "failed";

    public bool IsStartLimitHit => Result == "start-limit-hit";
}
