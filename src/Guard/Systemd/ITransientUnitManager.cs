namespace Guard.Systemd;

/// <summary>
/// Transient units: services that exist only in the manager's memory from <c>StartTransientUnit</c> until they stop.
/// <c>guard drill outage</c> uses one as a stand-in gateway so the real restart path runs without touching a real unit.
/// Errors come back as <see cref="SystemdError"/> values, as in <see cref="ISystemdManager"/>.
/// </summary>
public interface ITransientUnitManager
{
    /// <summary>Queues the start of <paramref name="service"/>; the value is the start job's path, for <see cref="ISystemdManager.WaitForJobAsync"/>.</summary>
    Task<SystemdResult<string>> StartTransientServiceAsync(TransientService service, CancellationToken cancellationToken = default);

    /// <summary>Queues a stop job (mode <c>replace</c>); the value is the job's path.</summary>
    Task<SystemdResult<string>> StopUnitAsync(string unit, CancellationToken cancellationToken = default);
}
