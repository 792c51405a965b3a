using Guard.Systemd;

namespace Guard.Drill;

/// <summary>
/// The outage drill's gateway when no real unit is used: a unit that is always active and "restarts" instantly,
/// calling <see cref="Restarted"/> so the drill can heal its providers. Every line it causes says SIMULATED.
/// </summary>
public sealed class SimulatedSystemdManager(TimeProvider time) : ISystemdManager
{
    private int _jobs;

    /// <summary>Raised when a restart job is queued.</summary>
    public event Action<string>? Restarted;

    public Task<SystemdResult<UnitStatus>> GetUnitStateAsync(string unit, CancellationToken cancellationToken = default) =>
        Task.FromResult(SystemdResult<UnitStatus>.Success(
            new UnitStatus(unit, "loaded", "active", "running", "success", 1, 0, 0, time.GetUtcNow(), null)));

    public Task<SystemdResult<string>> RestartUnitAsync(string unit, string mode = "replace", CancellationToken cancellationToken = default)
    {
        var job = Interlocked.Increment(ref _jobs);
        Restarted?.Invoke(unit);
        return Task.FromResult(SystemdResult<string>.Success($"/org/freedesktop/systemd1/job/{job}"));
    }

    public Task<SystemdResult> ResetFailedUnitAsync(string unit, CancellationToken cancellationToken = default) =>
        Task.FromResult(SystemdResult.Success());

    public Task<SystemdResult<SystemdJobCompletion>> WaitForJobAsync(string jobPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobPath);
        var id = uint.Parse(jobPath[(jobPath.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(SystemdResult<SystemdJobCompletion>.Success(
            new SystemdJobCompletion(id, jobPath, OutageDrill.Unit, SystemdJobResult.Done, "done")));
    }
}
