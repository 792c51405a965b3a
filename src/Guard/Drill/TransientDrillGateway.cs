using System.Globalization;
using Guard.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.Drill;

/// <summary>
/// The outage drill's gateway when the user bus is reachable: a transient user unit running <c>sleep</c>, started
/// over D-Bus, restarted by Guard's real <see cref="Recovery.GatewayRestarter"/> and always stopped afterwards.
/// As an <see cref="ISystemdManager"/> it forwards to the real manager and reports each restart of its unit.
/// </summary>
public sealed class TransientDrillGateway : ISystemdManager, IAsyncDisposable
{
    /// <summary>systemd stops the unit on its own after this, should the drill be killed before it can.</summary>
    public static readonly TimeSpan RuntimeMax = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan JobLimit = TimeSpan.FromSeconds(15);
    private static readonly string[] SleepCandidates = ["/usr/bin/sleep", "/bin/sleep"];

    private readonly DBusSystemdManager _systemd;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private string? _restartJob;
    private long _restartStarted;
    private UnitStatus? _before;
    private int _stopped;

    private TransientDrillGateway(DBusSystemdManager systemd, TimeProvider time, string unit)
    {
        _systemd = systemd;
        _time = time;
        Unit = unit;
    }

    public string Unit { get; }

    /// <summary>The unit right after its first start.</summary>
    public UnitStatus? Started { get; private set; }

    /// <summary>Raised after a restart job of <see cref="Unit"/> finished and the unit was read back.</summary>
    public event Action<TransientGatewayRestart>? Restarted;

    /// <summary>Null when it was stopped and is gone; otherwise what is wrong (set by <see cref="DisposeAsync"/>).</summary>
    public string? CleanupProblem { get; private set; }

    /// <summary>
    /// Starts the unit on the user bus and waits until it is active. Returns null and why not when the bus is not
    /// reachable or the unit would not start (nothing is left behind in either case).
    /// </summary>
    public static async Task<(TransientDrillGateway? Gateway, string? Reason)> TryStartAsync(
        SystemdBusOptions busOptions, Func<string, string?> getEnvironment, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(busOptions);
        ArgumentNullException.ThrowIfNull(getEnvironment);
        ArgumentNullException.ThrowIfNull(time);
        var address = SystemdBusAddress.Resolve(busOptions, getEnvironment);
        if (!address.IsSuccess)
        {
            return (null, address.Error!.Message);
        }

        var sleep = SleepCandidates.FirstOrDefault(File.Exists);
        if (sleep is null)
        {
            return (null, "no sleep program at " + string.Join(" or ", SleepCandidates) + " to run in the stand-in unit");
        }

        var unit = "guard-drill-gateway-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)) + ".service";
        var systemd = new DBusSystemdManager(busOptions, time, NullLogger<DBusSystemdManager>.Instance, getEnvironment);
        var service = new TransientService(unit, "Guard outage drill: stand-in gateway (harmless sleep)", [sleep, "infinity"], RuntimeMax);
        var job = await systemd.StartTransientServiceAsync(service, cancellationToken).ConfigureAwait(false);
        if (!job.IsSuccess)
        {
            systemd.Dispose();
            return (null, job.Error!.Kind == SystemdErrorKind.NoBus
                ? job.Error.Message
                : $"the user bus at {job.Error.BusAddress ?? address.Value} did not start a transient unit: {job.Error}");
        }

        var gateway = new TransientDrillGateway(systemd, time, unit);
        var done = await systemd.WaitForJobAsync(job.Value!, JobLimit, cancellationToken).ConfigureAwait(false);
        var state = await systemd.GetUnitStateAsync(unit, cancellationToken).ConfigureAwait(false);
        if (!done.IsSuccess || !done.Value!.Succeeded || state.Value is not { IsActive: true, MainPid: > 0 })
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            var why = !done.IsSuccess ? done.Error!.ToString() : $"start job {done.Value!.RawResult}, state {state.Value?.ActiveState ?? state.Error?.ToString()}";
            return (null, $"the transient unit {unit} did not start ({why})");
        }

        gateway.Started = state.Value;
        return (gateway, null);
    }

    public Task<SystemdResult<UnitStatus>> GetUnitStateAsync(string unit, CancellationToken cancellationToken = default) =>
        _systemd.GetUnitStateAsync(unit, cancellationToken);

    public async Task<SystemdResult<string>> RestartUnitAsync(string unit, string mode = "replace", CancellationToken cancellationToken = default)
    {
        var before = unit == Unit ? await _systemd.GetUnitStateAsync(unit, cancellationToken).ConfigureAwait(false) : null;
        var started = _time.GetTimestamp();
        var job = await _systemd.RestartUnitAsync(unit, mode, cancellationToken).ConfigureAwait(false);
        if (job.IsSuccess && before?.Value is { } b)
        {
            lock (_gate)
            {
                _restartJob = job.Value;
                _restartStarted = started;
                _before = b;
            }
        }

        return job;
    }

    public Task<SystemdResult> ResetFailedUnitAsync(string unit, CancellationToken cancellationToken = default) =>
        _systemd.ResetFailedUnitAsync(unit, cancellationToken);

    public async Task<SystemdResult<SystemdJobCompletion>> WaitForJobAsync(string jobPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var completion = await _systemd.WaitForJobAsync(jobPath, timeout, cancellationToken).ConfigureAwait(false);
        UnitStatus? before;
        TimeSpan duration;
        lock (_gate)
        {
            if (jobPath != _restartJob || _before is null)
            {
                return completion;
            }

            duration = _time.GetElapsedTime(_restartStarted);
            before = _before;
            _restartJob = null;
        }

        var after = await _systemd.GetUnitStateAsync(Unit, cancellationToken).ConfigureAwait(false);
        var result = completion.IsSuccess ? completion.Value!.RawResult : completion.Error!.Kind.ToString();
        Restarted?.Invoke(new TransientGatewayRestart(duration, result, before, after.Value));
        return completion;
    }

    /// <summary>Stops the unit and checks it is gone; safe to call more than once, never throws for systemd failures.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            // Not the caller's token: a Ctrl-C must still clean up.
            var stop = await _systemd.StopUnitAsync(Unit, CancellationToken.None).ConfigureAwait(false);
            if (!stop.IsSuccess)
            {
                CleanupProblem = $"stop failed: {stop.Error}";
                return;
            }

            var done = await _systemd.WaitForJobAsync(stop.Value!, JobLimit, CancellationToken.None).ConfigureAwait(false);
            var state = await _systemd.GetUnitStateAsync(Unit, CancellationToken.None).ConfigureAwait(false);
            CleanupProblem = state.Error?.Kind == SystemdErrorKind.NoSuchUnit
                ? null
                : string.Create(CultureInfo.InvariantCulture,
                    $"unit still loaded after stop (job {(done.IsSuccess ? done.Value!.RawResult : done.Error!.ToString())}, state {state.Value?.ActiveState ?? state.Error?.ToString()}); 'systemctl --user stop {Unit}' removes it");
        }
        finally
        {
            _systemd.Dispose();
        }
    }
}
