namespace Guard.Systemd;

/// <summary>
/// Guard's whole view of systemd. Expected failures (no such unit, access denied, no bus, timeout)
/// come back as <see cref="SystemdError"/> values, never as exceptions, so callers can decide and alert.
/// </summary>
public interface ISystemdManager
{
    /// <summary>Loads <paramref name="unit"/> and reads its state; <c>LoadState=not-found</c> is <see cref="SystemdErrorKind.NoSuchUnit"/>.</summary>
    Task<SystemdResult<UnitStatus>> GetUnitStateAsync(string unit, CancellationToken cancellationToken = default);

    /// <summary>Queues a restart job; the value is the job's object path, to pass to <see cref="WaitForJobAsync"/>.</summary>
    Task<SystemdResult<string>> RestartUnitAsync(string unit, string mode = "replace", CancellationToken cancellationToken = default);

    /// <summary>Clears the failed state and the start-limit counter, as <c>systemctl reset-failed</c> does.</summary>
    Task<SystemdResult> ResetFailedUnitAsync(string unit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the job finishes and returns systemd's job result. Running out of <paramref name="timeout"/>
    /// (measured with the injected <see cref="TimeProvider"/>) is <see cref="SystemdErrorKind.Timeout"/>;
    /// cancelling <paramref name="cancellationToken"/> throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<SystemdResult<SystemdJobCompletion>> WaitForJobAsync(string jobPath, TimeSpan timeout, CancellationToken cancellationToken = default);
}
