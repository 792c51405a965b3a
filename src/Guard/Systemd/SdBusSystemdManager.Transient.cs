using Microsoft.Extensions.Logging;

namespace Guard.Systemd;

/// <summary><see cref="ITransientUnitManager"/> over sd-bus: <c>StartTransientUnit</c> and <c>StopUnit</c>, both watched like restarts.</summary>
public sealed partial class SdBusSystemdManager : ITransientUnitManager
{
    public Task<SystemdResult<string>> StartTransientServiceAsync(TransientService service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(service.Unit);
        if (service.Command.Count == 0 || !Path.IsPathFullyQualified(service.Command[0]))
        {
            throw new ArgumentException("The command must start with an absolute program path.", nameof(service));
        }

        return QueueWatchedJobAsync("StartTransientUnit", service.Unit, connection => QueueTransientStart(connection, service), cancellationToken);
    }

    public Task<SystemdResult<string>> StopUnitAsync(string unit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        return QueueWatchedJobAsync("StopUnit", unit, connection =>
        {
            var call = connection.Call(SdBusConnection.ManagerPath, SdBusConnection.ManagerInterface, "StopUnit", _options.CallTimeout, unit, "replace");
            if (!call.IsSuccess)
            {
                return SystemdResult<string>.Failure(call.Error);
            }

            using var reply = call.Value!;
            return SystemdResult<string>.Success(reply.Message.ReadString(SdBusNative.TypeObjectPath));
        }, cancellationToken);
    }

    // StartTransientUnit(s name, s mode, a(sv) properties, a(sa(sv)) aux) → o job
    private SystemdResult<string> QueueTransientStart(SdBusConnection connection, TransientService service)
    {
        var call = connection.CallWith(SdBusConnection.ManagerPath, SdBusConnection.ManagerInterface, "StartTransientUnit", _options.CallTimeout, w =>
        {
            w.String(service.Unit);
            w.String("fail");
            w.Open(SdBusNative.TypeArray, "(sv)");
            StringProperty(w, "Description", service.Description);
            // Garbage-collect the unit when it stops, even if it failed, so nothing is left behind.
            StringProperty(w, "CollectMode", "inactive-or-failed");
            w.Open(SdBusNative.TypeStruct, "sv");
            w.String("RuntimeMaxUSec");
            w.Open(SdBusNative.TypeVariant, "t");
            w.UInt64((ulong)(service.RuntimeMax.Ticks / TimeSpan.TicksPerMicrosecond));
            w.Close();
            w.Close();
            // ExecStart is a(sasb): program path, argv (argv[0] included), ignore-failure.
            w.Open(SdBusNative.TypeStruct, "sv");
            w.String("ExecStart");
            w.Open(SdBusNative.TypeVariant, "a(sasb)");
            w.Open(SdBusNative.TypeArray, "(sasb)");
            w.Open(SdBusNative.TypeStruct, "sasb");
            w.String(service.Command[0]);
            w.Open(SdBusNative.TypeArray, "s");
            foreach (var arg in service.Command)
            {
                w.String(arg);
            }

            w.Close();
            w.Boolean(false);
            w.Close();
            w.Close();
            w.Close();
            w.Close();
            w.Close();
            w.Open(SdBusNative.TypeArray, "(sa(sv))");
            w.Close();
        });
        if (!call.IsSuccess)
        {
            return SystemdResult<string>.Failure(call.Error);
        }

        using var reply = call.Value!;
        return SystemdResult<string>.Success(reply.Message.ReadString(SdBusNative.TypeObjectPath));
    }

    private static void StringProperty(SdBusMessageWriter w, string name, string value)
    {
        w.Open(SdBusNative.TypeStruct, "sv");
        w.String(name);
        w.Open(SdBusNative.TypeVariant, "s");
        w.String(value);
        w.Close();
        w.Close();
    }

    /// <summary>Queues a job with its JobRemoved match already in place, so a fast job cannot be missed; the watch outlives the call (bounded by JobWatchLimit) for a later <see cref="WaitForJobAsync"/>.</summary>
    private async Task<SystemdResult<string>> QueueWatchedJobAsync(
        string operation, string unit, Func<SdBusConnection, SystemdResult<string>> queue, CancellationToken cancellationToken,
        Action<string>? logQueued = null)
    {
        var address = ResolveAddress();
        if (!address.IsSuccess)
        {
            return Failed<string>(operation, unit, address.Error);
        }

        PruneWatches();
        var limit = new CancellationTokenSource(_options.JobWatchLimit, _timeProvider);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, _disposed.Token);
        var watch = SdBusJobWatch.Start(address.Value!, BusDescription, queue, stop.Token);
        _ = watch.Completed.ContinueWith(
            _ =>
            {
                stop.Dispose();
                limit.Dispose();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        SystemdResult<string> queued;
        try
        {
            // Bounded like every other operation: a bus that never answers must not hold the caller.
            queued = await watch.Queued.WaitAsync(OperationTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            try
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The watch ended meanwhile and released its tokens.
            }

            queued = SystemdResult<string>.Failure(new SystemdError(
                SystemdErrorKind.Timeout, $"the {BusDescription} bus did not answer within {OperationTimeout.TotalSeconds:0} s", null, address.Value));
        }

        if (!queued.IsSuccess)
        {
            return Failed<string>(operation, unit, queued.Error);
        }

        _watches[queued.Value!] = new WatchEntry(watch, _timeProvider.GetUtcNow());
        (logQueued ?? (job => LogJobQueued(_logger, operation, unit, job)))(queued.Value!);
        return queued;
    }

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "systemd {Operation} for {Unit} queued as job {JobPath}")]
    private static partial void LogJobQueued(ILogger logger, string operation, string unit, string jobPath);
}
