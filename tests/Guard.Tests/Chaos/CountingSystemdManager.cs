using System.Collections.Concurrent;
using Guard.Systemd;

namespace Guard.Tests.Chaos;

/// <summary>A gateway unit that always restarts cleanly; records when each restart was asked for (fake time).</summary>
internal sealed class CountingSystemdManager(TimeProvider time) : ISystemdManager
{
    public ConcurrentQueue<DateTimeOffset> Restarts { get; } = new();

    public Task<SystemdResult<UnitStatus>> GetUnitStateAsync(string unit, CancellationToken cancellationToken = default) =>
        Task.FromResult(SystemdResult<UnitStatus>.Success(
            new UnitStatus(unit, "loaded", "active", "running", "success", 1, 0, 0, time.GetUtcNow(), null)));

    public Task<SystemdResult<string>> RestartUnitAsync(string unit, string mode = "replace", CancellationToken cancellationToken = default)
    {
        Restarts.Enqueue(time.GetUtcNow());
        return Task.FromResult(SystemdResult<string>.Success($"/org/freedesktop/systemd1/job/{Restarts.Count}"));
    }

    public Task<SystemdResult> ResetFailedUnitAsync(string unit, CancellationToken cancellationToken = default) =>
        Task.FromResult(SystemdResult.Success());

    public Task<SystemdResult<SystemdJobCompletion>> WaitForJobAsync(string jobPath, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Task.FromResult(SystemdResult<SystemdJobCompletion>.Success(
            new SystemdJobCompletion(1, jobPath, "openclaw-gateway.service", SystemdJobResult.Done, "done")));
}
