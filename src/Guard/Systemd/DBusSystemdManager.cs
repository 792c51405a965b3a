using Guard.Configuration;
using Microsoft.Extensions.Logging;
using Tmds.DBus.Protocol;

namespace Guard.Systemd;

/// <summary>
/// <see cref="ISystemdManager"/> over Tmds.DBus.Protocol: one shared connection to the bus Guard resolves (see
/// <see cref="SystemdBusAddress"/>), opened on first use and opened anew after it closed or the bus lost systemd.
/// Every step is bounded in time with the injected <see cref="TimeProvider"/>: connecting (the library's
/// <c>ConnectAsync</c> takes no token) by <see cref="OperationTimeout"/>, each call by the call timeout.
/// </summary>
public sealed partial class DBusSystemdManager : ISystemdManager, IDisposable
{
    private readonly SystemdBusOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DBusSystemdManager> _logger;
    private readonly Func<string, string?> _getEnvironment;
    // Never disposed: an operation may still release it after Dispose, and it has no wait handle to free.
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private SystemdSession? _session;

    public DBusSystemdManager(SystemdBusOptions options, TimeProvider timeProvider, ILogger<DBusSystemdManager> logger)
        : this(options, timeProvider, logger, Environment.GetEnvironmentVariable)
    {
    }

    internal DBusSystemdManager(SystemdBusOptions options, TimeProvider timeProvider, ILogger<DBusSystemdManager> logger, Func<string, string?> getEnvironment)
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

    /// <summary>The longest connecting (socket, authentication, Hello, match, Subscribe) may take: two call timeouts.</summary>
    private TimeSpan OperationTimeout => _options.CallTimeout * 2;

    public Task<SystemdResult<UnitStatus>> GetUnitStateAsync(string unit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        return RunAsync("GetUnitState", unit, (session, ct) => ReadUnitAsync(session, unit, ct), cancellationToken);
    }

    public async Task<SystemdResult> ResetFailedUnitAsync(string unit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        var result = await RunAsync(
            "ResetFailedUnit",
            unit,
            (session, ct) => CallAsync(session, SystemdMessages.ManagerCall(session.Connection, "ResetFailedUnit", unit), static (_, _) => true, null, "ResetFailedUnit", ct),
            cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return SystemdResult.Failure(result.Error);
        }

        LogResetFailed(_logger, unit);
        return SystemdResult.Success();
    }

    public async Task<SystemdResult<string>> RestartUnitAsync(string unit, string mode = "replace", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        ArgumentException.ThrowIfNullOrWhiteSpace(mode);
        var job = await QueueJobAsync("RestartUnit", unit, session => SystemdMessages.ManagerCall(session.Connection, "RestartUnit", unit, mode), cancellationToken).ConfigureAwait(false);
        if (job.IsSuccess)
        {
            LogRestartQueued(_logger, unit, mode, job.Value!);
        }

        return job;
    }

    public async Task<SystemdResult<SystemdJobCompletion>> WaitForJobAsync(string jobPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        using var deadline = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken, _disposed.Token);
        try
        {
            var opened = await SessionAsync(linked.Token).ConfigureAwait(false);
            if (!opened.IsSuccess)
            {
                return Failed<SystemdJobCompletion>("WaitForJob", jobPath, opened.Error);
            }

            var session = opened.Value!;
            var completed = session.Find(jobPath);
            if (completed is null)
            {
                var foreign = await FindForeignJobAsync(session, jobPath, linked.Token).ConfigureAwait(false);
                if (!foreign.IsSuccess)
                {
                    return Failed<SystemdJobCompletion>("WaitForJob", jobPath, foreign.Error);
                }

                completed = foreign.Value!;
            }

            var result = await completed.WaitAsync(linked.Token).ConfigureAwait(false);
            session.Forget(jobPath);
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
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        Interlocked.Exchange(ref _session, null)?.Dispose();
        _disposed.Dispose();
    }

    /// <summary>A job another client queued (or one queued on an earlier connection): tracked first, then confirmed to exist.</summary>
    private async Task<SystemdResult<Task<SystemdResult<SystemdJobCompletion>>>> FindForeignJobAsync(SystemdSession session, string jobPath, CancellationToken cancellationToken)
    {
        session.Track(jobPath);
        var probe = await CallAsync(session, SystemdMessages.GetJobState(session.Connection, jobPath), static (_, _) => true, null, "Get", cancellationToken).ConfigureAwait(false);
        var tracked = session.Find(jobPath)!;
        if (probe.IsSuccess || (tracked.IsCompleted && tracked.Result.IsSuccess))
        {
            return SystemdResult<Task<SystemdResult<SystemdJobCompletion>>>.Success(tracked);
        }

        session.Forget(jobPath);
        return SystemdResult<Task<SystemdResult<SystemdJobCompletion>>>.Failure(
            probe.Error!.DBusName is SystemdErrors.UnknownObject or SystemdErrors.NoSuchJob
                ? new SystemdError(SystemdErrorKind.NoSuchJob, $"Job {jobPath} does not exist (it may already have finished); read the unit's state instead.", probe.Error.DBusName, session.Address)
                : probe.Error);
    }

    // LoadUnit (GetUnit fails for units that are merely not loaded right now), then GetAll on Unit and, for services, Service.
    private async Task<SystemdResult<UnitStatus>> ReadUnitAsync(SystemdSession session, string unit, CancellationToken cancellationToken)
    {
        var load = await CallAsync(
            session, SystemdMessages.ManagerCall(session.Connection, "LoadUnit", unit), static (message, _) => message.GetBodyReader().ReadObjectPathAsString(), null, "LoadUnit", cancellationToken).ConfigureAwait(false);
        if (!load.IsSuccess)
        {
            return SystemdResult<UnitStatus>.Failure(load.Error);
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var unitProperties = await GetAllAsync(session, load.Value!, "org.freedesktop.systemd1.Unit", values, cancellationToken).ConfigureAwait(false);
        if (!unitProperties.IsSuccess)
        {
            return SystemdResult<UnitStatus>.Failure(unitProperties.Error);
        }

        if (values.GetValueOrDefault("LoadState") as string == "not-found")
        {
            return SystemdResult<UnitStatus>.Failure(new SystemdError(
                SystemdErrorKind.NoSuchUnit, $"Unit {unit} not found.", SystemdErrors.NoSuchUnit, session.Address));
        }

        if (unit.EndsWith(".service", StringComparison.Ordinal))
        {
            var serviceProperties = await GetAllAsync(session, load.Value!, "org.freedesktop.systemd1.Service", values, cancellationToken).ConfigureAwait(false);
            if (!serviceProperties.IsSuccess)
            {
                return SystemdResult<UnitStatus>.Failure(serviceProperties.Error);
            }
        }

        return SystemdResult<UnitStatus>.Success(UnitPropertiesReader.ToStatus(unit, values));
    }

    private Task<SystemdResult<Dictionary<string, object>>> GetAllAsync(
        SystemdSession session, string path, string @interface, Dictionary<string, object> values, CancellationToken cancellationToken) =>
        CallAsync(
            session,
            SystemdMessages.GetAll(session.Connection, path, @interface),
            static (message, state) => UnitPropertiesReader.Read(message, (Dictionary<string, object>)state!),
            values,
            "GetAll",
            cancellationToken);

    /// <summary>Queues a job on the shared connection; its JobRemoved watch is in place before the call goes out.</summary>
    private Task<SystemdResult<string>> QueueJobAsync(string operation, string unit, Func<SystemdSession, MessageBuffer> message, CancellationToken cancellationToken) =>
        RunAsync(operation, unit, (session, ct) =>
        {
            session.Prune(_timeProvider.GetUtcNow() - _options.JobWatchLimit);
            return CallAsync(session, message(session), static (reply, state) =>
            {
                // Runs on the receive loop, before the job's JobRemoved can be dispatched.
                var job = reply.GetBodyReader().ReadObjectPathAsString();
                ((SystemdSession)state!).Track(job);
                return job;
            }, session, operation, ct);
        }, cancellationToken);

    private async Task<SystemdResult<T>> RunAsync<T>(
        string operation, string subject, Func<SystemdSession, CancellationToken, Task<SystemdResult<T>>> action, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = await SessionAsync(cancellationToken).ConfigureAwait(false);
        if (!session.IsSuccess)
        {
            return Failed<T>(operation, subject, session.Error);
        }

        var result = await action(session.Value!, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? result : Failed<T>(operation, subject, result.Error);
    }

    /// <summary>One method call, bounded by the call timeout; a failure that means "no systemd here" retires the session.</summary>
    private async Task<SystemdResult<T>> CallAsync<T>(
        SystemdSession session, MessageBuffer message, MessageValueReader<T> reader, object? state, string member, CancellationToken cancellationToken)
    {
        Task<T>? call = null;
        try
        {
            call = session.Connection.CallMethodAsync(message, reader, state);
            return SystemdResult<T>.Success(await call.WaitAsync(_options.CallTimeout, _timeProvider, cancellationToken).ConfigureAwait(false));
        }
        catch (TimeoutException)
        {
            Observe(call);
            return SystemdResult<T>.Failure(new SystemdError(
                SystemdErrorKind.Timeout, $"systemd did not answer {member} within {_options.CallTimeout.TotalSeconds:0} s", null, session.Address));
        }
        catch (OperationCanceledException)
        {
            Observe(call);
            throw;
        }
        catch (Exception ex) when (SystemdErrors.FromException(ex, session.Address, BusDescription) is { } error)
        {
            if (error.Kind == SystemdErrorKind.NoBus)
            {
                session.Close(error);
            }

            return SystemdResult<T>.Failure(error);
        }
    }

    /// <summary>The open session, or a new one when there is none or it closed. Connecting is bounded by <see cref="OperationTimeout"/>.</summary>
    private async Task<SystemdResult<SystemdSession>> SessionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var address = SystemdBusAddress.Resolve(_options, _getEnvironment);
        if (!address.IsSuccess)
        {
            return SystemdResult<SystemdSession>.Failure(address.Error);
        }

        var current = Volatile.Read(ref _session);
        if (current is { IsClosed: false } && current.Address == address.Value)
        {
            return SystemdResult<SystemdSession>.Success(current);
        }

        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _session;
            if (current is { IsClosed: false } && current.Address == address.Value)
            {
                return SystemdResult<SystemdSession>.Success(current);
            }

            if (current is not null)
            {
                LogReconnecting(_logger, BusDescription, address.Value!);
                Volatile.Write(ref _session, null);
                current.Dispose();
            }

            var session = new SystemdSession(address.Value!, BusDescription, _timeProvider);
            var open = session.OpenAsync();
            try
            {
                await open.WaitAsync(OperationTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Disposing aborts the connect that never got an answer; the abandoned task's exception is observed.
                session.Dispose();
                Observe(open);
                return SystemdResult<SystemdSession>.Failure(new SystemdError(
                    SystemdErrorKind.Timeout, $"the {BusDescription} bus did not answer within {OperationTimeout.TotalSeconds:0} s", null, address.Value));
            }
            catch (OperationCanceledException)
            {
                session.Dispose();
                Observe(open);
                throw;
            }
            catch (Exception ex) when (SystemdErrors.FromException(ex, address.Value!, BusDescription) is { } error)
            {
                session.Dispose();
                return SystemdResult<SystemdSession>.Failure(error);
            }

            Volatile.Write(ref _session, session);
            LogConnected(_logger, BusDescription, address.Value!);
            return SystemdResult<SystemdSession>.Success(session);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private static void Observe(Task? task) =>
        task?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

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
}
