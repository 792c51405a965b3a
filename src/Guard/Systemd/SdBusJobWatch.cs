using System.Runtime.InteropServices;

namespace Guard.Systemd;

/// <summary>
/// Owns one connection on its own thread and waits for the manager's <c>JobRemoved</c> signal for one job.
/// The match is installed before the job is queued (or looked up), so a fast job cannot finish unseen.
/// </summary>
internal sealed unsafe class SdBusJobWatch
{
    private const string JobRemovedMatch =
        "type='signal',sender='org.freedesktop.systemd1',path='/org/freedesktop/systemd1'," +
        "interface='org.freedesktop.systemd1.Manager',member='JobRemoved'";

    // Short slices only so cancellation is noticed; the deadline itself comes from the caller's token.
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(200);

    private readonly TaskCompletionSource<SystemdResult<string>> _queued = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SystemdResult<SystemdJobCompletion>> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _jobPath;
    private SystemdJobCompletion? _completion;

    private SdBusJobWatch()
    {
    }

    /// <summary>The job path once the job is queued (or found), or why not.</summary>
    internal Task<SystemdResult<string>> Queued => _queued.Task;

    internal Task<SystemdResult<SystemdJobCompletion>> Completed => _completed.Task;

    /// <summary>
    /// Starts watching. <paramref name="issue"/> runs on the watch's connection after the match is in place and
    /// returns the job path to wait for (the RestartUnit reply, or an existing job confirmed to exist).
    /// </summary>
    internal static SdBusJobWatch Start(string address, string busDescription, Func<SdBusConnection, SystemdResult<string>> issue, CancellationToken stop)
    {
        var watch = new SdBusJobWatch();
        var thread = new Thread(() => watch.Run(address, busDescription, issue, stop))
        {
            IsBackground = true,
            Name = "sd-bus job watch",
        };
        thread.Start();
        return watch;
    }

    private void Run(string address, string busDescription, Func<SdBusConnection, SystemdResult<string>> issue, CancellationToken stop)
    {
        try
        {
            var open = SdBusConnection.Open(address, busDescription);
            if (!open.IsSuccess)
            {
                Fail(open.Error);
                return;
            }

            using var connection = open.Value!;
            var self = GCHandle.Alloc(this);
            nint slot = 0;
            try
            {
                var r = connection.AddMatch(JobRemovedMatch, &OnJobRemoved, GCHandle.ToIntPtr(self), out slot);
                if (r < 0)
                {
                    Fail(connection.FromErrno(r));
                    return;
                }

                var issued = issue(connection);
                if (!issued.IsSuccess)
                {
                    Fail(issued.Error);
                    return;
                }

                // Signals that arrived during the call are still queued; they are dispatched below, after this is set.
                _jobPath = issued.Value;
                _queued.TrySetResult(issued);
                Pump(connection, stop);
            }
            finally
            {
                if (slot != 0)
                {
                    SdBusNative.sd_bus_slot_unref(slot);
                }

                self.Free();
            }
        }
        catch (Exception ex)
        {
            Fail(new SystemdError(SystemdErrorKind.Other, "Watching the systemd job failed: " + ex.Message));
        }
    }

    private void Pump(SdBusConnection connection, CancellationToken stop)
    {
        while (_completion is null)
        {
            if (stop.IsCancellationRequested)
            {
                _completed.TrySetResult(SystemdResult<SystemdJobCompletion>.Failure(new SystemdError(
                    SystemdErrorKind.Timeout, $"Stopped watching job {_jobPath} before it finished.", null, connection.Address)));
                return;
            }

            var r = connection.Process();
            if (r == 0)
            {
                r = connection.Wait(PollSlice);
            }

            if (r < 0)
            {
                _completed.TrySetResult(SystemdResult<SystemdJobCompletion>.Failure(connection.FromErrno(r)));
                return;
            }
        }

        _completed.TrySetResult(SystemdResult<SystemdJobCompletion>.Success(_completion));
    }

    private void Fail(SystemdError error)
    {
        _queued.TrySetResult(SystemdResult<string>.Failure(error));
        _completed.TrySetResult(SystemdResult<SystemdJobCompletion>.Failure(error));
    }

    // Runs inside sd_bus_process on the watch thread; must never throw across the native frame.
    [UnmanagedCallersOnly]
    private static int OnJobRemoved(nint message, nint userdata, nint returnError)
    {
        try
        {
            if (GCHandle.FromIntPtr(userdata).Target is not SdBusJobWatch watch)
            {
                return 0;
            }

            var signal = new SdBusMessage(message);
            var id = signal.ReadUInt32();
            var path = signal.ReadString(SdBusNative.TypeObjectPath);
            var unit = signal.ReadString();
            var result = signal.ReadString();
            if (path == watch._jobPath)
            {
                watch._completion = new SystemdJobCompletion(id, path, unit, SystemdJobCompletion.Parse(result), result);
            }
        }
        catch (SdBusProtocolException)
        {
            // A malformed signal is not ours to fail on; keep waiting for the real one.
        }

        return 0;
    }
}
