using Tmds.DBus.Protocol;

namespace Guard.Systemd;

/// <summary>
/// One connection to the bus with the manager's <c>JobRemoved</c> signal matched and <c>Subscribe</c> called,
/// both before any job is queued on it. Finished jobs are handed to waits keyed by job path. When the connection
/// closes, every open wait fails at once and <see cref="IsClosed"/> tells the owner to open a new session.
/// </summary>
internal sealed class SystemdSession : IDisposable
{
    // Signals for jobs nobody tracks yet (another client's job, or a signal overtaking our bookkeeping): a few
    // are kept so a wait registered just after still sees its job finish.
    private const int UnclaimedLimit = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, JobWait> _waits = new(StringComparer.Ordinal);
    private readonly Queue<SystemdJobCompletion> _unclaimed = new();
    private SystemdError? _closedBecause;
    private readonly TimeProvider _timeProvider;
    private IDisposable? _match;

    internal SystemdSession(string address, string busDescription, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        Address = address;
        BusDescription = busDescription;
        Connection = new DBusConnection(new DBusConnectionOptions(address) { AutoConnect = false });
    }

    internal string Address { get; }

    internal string BusDescription { get; }

    internal DBusConnection Connection { get; }

    internal bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closedBecause is not null;
            }
        }
    }

    /// <summary>Connects, installs the JobRemoved match, subscribes. Throws the library's exceptions; the caller bounds it in time.</summary>
    internal async Task OpenAsync()
    {
        await Connection.ConnectAsync().ConfigureAwait(false);
        _ = WatchDisconnectAsync();
        _match = await Connection.AddMatchAsync(
            SystemdMessages.JobRemovedRule,
            static (message, _) => SystemdMessages.ReadJobRemoved(message),
            static notification =>
            {
                if (notification.HasValue)
                {
                    ((SystemdSession)notification.State!).OnJobRemoved(notification.Value);
                }
            },
            emitOnCapturedContext: false,
            ObserverFlags.None,
            this).ConfigureAwait(false);

        // The manager sends JobRemoved for jobs other clients queued only to subscribers.
        await Connection.CallMethodAsync(SystemdMessages.Subscribe(Connection)).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts tracking <paramref name="jobPath"/>. Called from the reply reader, which runs on the connection's
    /// receive loop before any later message, so the job's JobRemoved (always sent after the reply) cannot be missed.
    /// </summary>
    internal void Track(string jobPath)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_waits.ContainsKey(jobPath))
            {
                return;
            }

            var wait = new JobWait(now);
            _waits[jobPath] = wait;
            if (_closedBecause is not null)
            {
                wait.Finish(SystemdResult<SystemdJobCompletion>.Failure(_closedBecause));
            }
            else if (TakeUnclaimed(jobPath) is { } early)
            {
                wait.Finish(SystemdResult<SystemdJobCompletion>.Success(early));
            }
        }
    }

    /// <summary>The tracked job's completion, or null when this session does not track it.</summary>
    internal Task<SystemdResult<SystemdJobCompletion>>? Find(string jobPath)
    {
        lock (_gate)
        {
            return _waits.TryGetValue(jobPath, out var wait) ? wait.Completed : null;
        }
    }

    internal void Forget(string jobPath)
    {
        lock (_gate)
        {
            _waits.Remove(jobPath);
        }
    }

    /// <summary>Stops tracking jobs older than <paramref name="cutoff"/>; an unfinished one ends as Timeout.</summary>
    internal void Prune(DateTimeOffset cutoff)
    {
        lock (_gate)
        {
            foreach (var (path, wait) in _waits)
            {
                if (wait.Started < cutoff)
                {
                    wait.Finish(SystemdResult<SystemdJobCompletion>.Failure(new SystemdError(
                        SystemdErrorKind.Timeout, $"Stopped watching job {path} before it finished.", null, Address)));
                    _waits.Remove(path);
                }
            }
        }
    }

    /// <summary>Marks the session unusable (a bus without systemd on it, or a broken connection) and fails the open waits.</summary>
    internal void Close(SystemdError reason)
    {
        lock (_gate)
        {
            if (_closedBecause is not null)
            {
                return;
            }

            _closedBecause = reason;
            foreach (var wait in _waits.Values)
            {
                wait.Finish(SystemdResult<SystemdJobCompletion>.Failure(reason));
            }
        }
    }

    public void Dispose()
    {
        Close(new SystemdError(SystemdErrorKind.NoBus, $"The connection to the systemd {BusDescription} bus at {Address} was closed.", null, Address));
        _match?.Dispose();
        Connection.Dispose();
    }

    private async Task WatchDisconnectAsync()
    {
        Exception? reason;
        try
        {
            reason = await Connection.DisconnectedAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // whatever ended the connection, the session is over
        catch (Exception ex)
#pragma warning restore CA1031
        {
            reason = ex;
        }

        Close(new SystemdError(
            SystemdErrorKind.NoBus,
            $"The connection to the systemd {BusDescription} bus at {Address} closed: {reason?.Message ?? "disposed"}",
            null,
            Address));
    }

    private void OnJobRemoved(SystemdJobCompletion completion)
    {
        lock (_gate)
        {
            if (_waits.TryGetValue(completion.JobPath, out var wait))
            {
                wait.Finish(SystemdResult<SystemdJobCompletion>.Success(completion));
                return;
            }

            if (_unclaimed.Count == UnclaimedLimit)
            {
                _unclaimed.Dequeue();
            }

            _unclaimed.Enqueue(completion);
        }
    }

    private SystemdJobCompletion? TakeUnclaimed(string jobPath)
    {
        SystemdJobCompletion? found = null;
        var count = _unclaimed.Count;
        for (var i = 0; i < count; i++)
        {
            var item = _unclaimed.Dequeue();
            if (found is null && item.JobPath == jobPath)
            {
                found = item;
            }
            else
            {
                _unclaimed.Enqueue(item);
            }
        }

        return found;
    }

    private sealed class JobWait(DateTimeOffset started)
    {
        private readonly TaskCompletionSource<SystemdResult<SystemdJobCompletion>> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal DateTimeOffset Started { get; } = started;

        internal Task<SystemdResult<SystemdJobCompletion>> Completed => _completed.Task;

        internal void Finish(SystemdResult<SystemdJobCompletion> result) => _completed.TrySetResult(result);
    }
}
