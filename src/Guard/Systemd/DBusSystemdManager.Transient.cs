namespace Guard.Systemd;

/// <summary><see cref="ITransientUnitManager"/> on the same connection: <c>StartTransientUnit</c> and <c>StopUnit</c>, both tracked like restarts.</summary>
public sealed partial class DBusSystemdManager : ITransientUnitManager
{
    public async Task<SystemdResult<string>> StartTransientServiceAsync(TransientService service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(service.Unit);
        if (service.Command.Count == 0 || !Path.IsPathFullyQualified(service.Command[0]))
        {
            throw new ArgumentException("The command must start with an absolute program path.", nameof(service));
        }

        var job = await QueueJobAsync("StartTransientUnit", service.Unit, session => SystemdMessages.StartTransientUnit(session.Connection, service), cancellationToken).ConfigureAwait(false);
        if (job.IsSuccess)
        {
            LogJobQueued(_logger, "StartTransientUnit", service.Unit, job.Value!);
        }

        return job;
    }

    public async Task<SystemdResult<string>> StopUnitAsync(string unit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        var job = await QueueJobAsync("StopUnit", unit, session => SystemdMessages.ManagerCall(session.Connection, "StopUnit", unit, "replace"), cancellationToken).ConfigureAwait(false);
        if (job.IsSuccess)
        {
            LogJobQueued(_logger, "StopUnit", unit, job.Value!);
        }

        return job;
    }
}
