using System.Collections.Concurrent;
using Guard.Configuration;
using Microsoft.Extensions.Logging;

namespace Guard.Systemd;

/// <summary>
/// <see cref="ISystemdManager"/> over libsystemd's sd-bus. Each operation opens its own connection and runs the
/// blocking calls off the caller's thread; restart jobs are watched from before they are queued, so
/// <see cref="WaitForJobAsync"/> cannot miss a fast job.
/// </summary>
public sealed partial class SdBusSystemdManager : ISystemdManager, IDisposable
{
    private readonly SystemdBusOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SdBusSystemdManager> _logger;
    private readonly Func<string, string?> _getEnvironment;
    private readonly ConcurrentDictionary<string, WatchEntry> _watches = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();

    public SdBusSystemdManager(SystemdBusOptions options, TimeProvider timeProvider, ILogger<SdBusSystemdManager> logger)
        : this(options, timeProvider, logger, Environment.GetEnvironmentVariable)
    {
    }

    internal SdBusSystemdManager(SystemdBusOptions options, TimeProvider timeProvider, ILogger<SdBusSystemdManager> logger, Func<string, string?> getEnvironment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(getEnvironment);
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _getEnvironment = getEnvironment;
    }

    private string BusDescription => _options.Bus == BusKind.System ? "system" : "user";

    public Task<SystemdResult<UnitStatus>> GetUnitStateAsync(string unit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        return RunAsync("GetUnitState", unit, connection => SdBusUnitReader.Read(connection, unit, _options.CallTimeout), cancellationToken);
    }

    public Task<SystemdResult> ResetFailedUnitAsync(string unit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        return ResetAsync();

        async Task<SystemdResult> ResetAsync()
        {
            var result = await RunAsync("ResetFailedUnit", unit, connection =>
            {
                var call = connection.Call(SdBusConnection.ManagerPath, SdBusConnection.ManagerInterface, "ResetFailedUnit", _options.CallTimeout, unit);
                call.Value?.Dispose();
                return call.IsSuccess ? SystemdResult<bool>.Success(true) : SystemdResult<bool>.Failure(call.Error);
            }, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return SystemdResult.Failure(result.Error);
            }

            LogResetFailed(_logger, unit);
            return SystemdResult.Success();
        }
    }

    public async Task<SystemdResult<string>> RestartUnitAsync(string unit, string mode = "replace", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        ArgumentException.ThrowIfNullOrWhiteSpace(mode);
        return await QueueWatchedJobAsync(
            "RestartUnit", unit, connection => QueueRestart(connection, unit, mode), cancellationToken, job => LogRestartQueued(_logger, unit, mode, job)).ConfigureAwait(false);
    }

    public async Task<SystemdResult<SystemdJobCompletion>> WaitForJobAsync(string jobPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        using var deadline = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken, _disposed.Token);
        try
        {
            Task<SystemdResult<SystemdJobCompletion>> completed;
            if (_watches.TryGetValue(jobPath, out var entry))
            {
                completed = entry.Watch.Completed;
            }
            else
            {
                // A job we did not queue: subscribe first, then make sure it still exists.
                var address = ResolveAddress();
                if (!address.IsSuccess)
                {
                    return Failed<SystemdJobCompletion>("WaitForJob", jobPath, address.Error);
                }

                var watch = SdBusJobWatch.Start(address.Value!, BusDescription, connection => ConfirmJob(connection, jobPath), linked.Token);
                var found = await watch.Queued.WaitAsync(linked.Token).ConfigureAwait(false);
                if (!found.IsSuccess)
                {
                    return Failed<SystemdJobCompletion>("WaitForJob", jobPath, found.Error);
                }

                completed = watch.Completed;
            }

            var result = await completed.WaitAsync(linked.Token).ConfigureAwait(false);
            _watches.TryRemove(jobPath, out _);
            if (!result.IsSuccess)
            {
                return Failed<SystemdJobCompletion>("WaitForJob", jobPath, result.Error);
            }

            LogJobFinished(_logger, jobPath, result.Value!.Unit, result.Value.RawResult);
            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogJobWaitTimedOut(_logger, jobPath, timeout);
            return SystemdResult<SystemdJobCompletion>.Failure(new SystemdError(
                SystemdErrorKind.Timeout, $"Job {jobPath} did not finish within {timeout}."));
        }
    }

    public void Dispose()
    {
        if (!_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
        }

        _disposed.Dispose();
    }

    private SystemdResult<string> QueueRestart(SdBusConnection connection, string unit, string mode)
    {
        var call = connection.Call(SdBusConnection.ManagerPath, SdBusConnection.ManagerInterface, "RestartUnit", _options.CallTimeout, unit, mode);
        if (!call.IsSuccess)
        {
            return SystemdResult<string>.Failure(call.Error);
        }

        using var reply = call.Value!;
        return SystemdResult<string>.Success(reply.Message.ReadString(SdBusNative.TypeObjectPath));
    }

    private SystemdResult<string> ConfirmJob(SdBusConnection connection, string jobPath)
    {
        // The manager only broadcasts JobRemoved for other clients' jobs to subscribers.
        var subscribe = connection.Call(SdBusConnection.ManagerPath, SdBusConnection.ManagerInterface, "Subscribe", _options.CallTimeout);
        subscribe.Value?.Dispose();
        if (!subscribe.IsSuccess)
        {
            return SystemdResult<string>.Failure(subscribe.Error);
        }

        var probe = connection.Call(jobPath, SdBusConnection.PropertiesInterface, "Get", _options.CallTimeout, "org.freedesktop.systemd1.Job", "State");
        probe.Value?.Dispose();
        if (probe.IsSuccess)
        {
            return SystemdResult<string>.Success(jobPath);
        }

        return SystemdResult<string>.Failure(probe.Error.DBusName is SystemdErrors.UnknownObject or SystemdErrors.NoSuchJob
            ? new SystemdError(SystemdErrorKind.NoSuchJob, $"Job {jobPath} does not exist (it may already have finished); read the unit's state instead.", probe.Error.DBusName, connection.Address)
            : probe.Error);
    }

    private async Task<SystemdResult<T>> RunAsync<T>(string operation, string unit, Func<SdBusConnection, SystemdResult<T>> action, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var address = ResolveAddress();
        if (!address.IsSuccess)
        {
            return Failed<T>(operation, unit, address.Error);
        }

        var description = BusDescription;
        var work = Task.Run(() =>
        {
            var open = SdBusConnection.Open(address.Value!, description);
            if (!open.IsSuccess)
            {
                return SystemdResult<T>.Failure(open.Error);
            }

            using var connection = open.Value!;
            try
            {
                return action(connection);
            }
            catch (SdBusProtocolException ex)
            {
                return SystemdResult<T>.Failure(new SystemdError(SystemdErrorKind.Other, $"Unexpected reply from systemd: {ex.Message}", null, connection.Address));
            }
        }, cancellationToken);

        // sd-bus bounds each call, but not the connection's authentication and Hello: a bus daemon that accepts the
        // socket and never answers would block this thread for good. Guard moves on; the thread finishes on its own.
        SystemdResult<T> result;
        try
        {
            result = await work.WaitAsync(OperationTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            result = SystemdResult<T>.Failure(new SystemdError(
                SystemdErrorKind.Timeout, $"the {description} bus did not answer within {OperationTimeout.TotalSeconds:0} s", null, address.Value));
        }

        return result.IsSuccess ? result : Failed<T>(operation, unit, result.Error);
    }

    /// <summary>The longest one operation (connect, authenticate, its calls) may take: two call timeouts.</summary>
    private TimeSpan OperationTimeout => _options.CallTimeout * 2;

    private SystemdResult<string> ResolveAddress() => SystemdBusAddress.Resolve(_options, _getEnvironment);

    private SystemdResult<T> Failed<T>(string operation, string subject, SystemdError error)
    {
        if (error.Kind == SystemdErrorKind.NoBus)
        {
            LogNoBus(_logger, operation, subject, error.Message);
        }
        else
        {
            LogCallFailed(_logger, operation, subject, error.Kind, error.Message);
        }

        return SystemdResult<T>.Failure(error);
    }

    private void PruneWatches()
    {
        var cutoff = _timeProvider.GetUtcNow() - _options.JobWatchLimit;
        foreach (var (path, entry) in _watches)
        {
            if (entry.Started < cutoff && entry.Watch.Completed.IsCompleted)
            {
                _watches.TryRemove(path, out _);
            }
        }
    }

    private sealed record WatchEntry(SdBusJobWatch Watch, DateTimeOffset Started);
}
