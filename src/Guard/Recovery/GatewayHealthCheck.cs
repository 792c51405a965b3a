using Guard.Chain;
using Guard.Alerts;
using Guard.Configuration;
using Guard.OpenClaw.Discovery;
using Guard.State;
using Guard.Systemd;
using Guard.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.Recovery;

/// <summary>
/// Every <c>Guard:Recovery:HealthCheckInterval</c>: reads the gateway unit's state over D-Bus and, when
/// <c>Guard:OpenClaw:HealthUrl</c> is set and the unit is active, GETs it. An active unit whose URL fails
/// <c>HealthFailuresBeforeRestart</c> checks in a row is hung and restarted through <see cref="RecoveryActor.RestartAsync"/>.
/// An inactive or failed unit is reported (log + GatewayUnhealthy alert), not restarted: it may have been stopped on purpose.
/// A missing unit or bus is said once — the normal case on a machine without OpenClaw.
/// </summary>
public sealed partial class GatewayHealthCheck(
    LiveOptions options,
    IModelChain modelChain,
    ISystemdManager systemd,
    GatewayHealthProbe health,
    RecoveryActor recovery,
    StateStore store,
    IAlertPublisher alerts,
    TimeProvider time,
    ILogger<GatewayHealthCheck> logger) : PeriodicService(time, logger)
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(5);

    private string? _reportedUnavailable;
    private string? _reportedUnhealthy;
    private int _notActiveChecks;
    private DateTimeOffset? _healthFailingSince;

    public static string UnhealthyFingerprint(string unit) => $"GatewayUnhealthy|{unit}";

    protected override Task TickAsync(CancellationToken cancellationToken) => CheckOnceAsync(cancellationToken);

    protected override TimeSpan NextWait() => options.Current.Recovery.HealthCheckInterval;

    /// <summary>One check; the loop calls it every interval, tests call it directly.</summary>
    public async Task<GatewayCheckResult> CheckOnceAsync(CancellationToken cancellationToken)
    {
        var current = options.Current;
        var unit = current.OpenClaw.Unit;
        var now = Time.GetUtcNow();

        // Restarts made by `guard restart-gateway` reach the state file through the service's next save.
        recovery.ImportManualRestarts();

        var read = await systemd.GetUnitStateAsync(unit, cancellationToken).ConfigureAwait(false);
        if (!read.IsSuccess)
        {
            return Unavailable(unit, read.Error!, now);
        }

        _reportedUnavailable = null;
        var status = read.Value!;
        if (!status.IsActive)
        {
            return NotActive(unit, status, now);
        }

        _notActiveChecks = 0;
        var url = GatewayHealthUrl.For(current.OpenClaw, modelChain);
        if (string.IsNullOrEmpty(url))
        {
            Healthy(unit, status, now, healthUrlOk: null);
            return GatewayCheckResult.Healthy;
        }

        var problem = await health.CheckAsync(url, HealthTimeout, cancellationToken).ConfigureAwait(false);
        if (problem is null)
        {
            Healthy(unit, status, now, healthUrlOk: true);
            return GatewayCheckResult.Healthy;
        }

        if (status.ActiveEnterTimestamp is { } entered && now - entered < current.Recovery.VerifyTimeout)
        {
            // Just (re)started: a gateway refuses connections while it boots (seconds idle, far longer on a busy host
            // or after a drain), so a failure now is a start, not a hang — counting it restarted a booting gateway again.
            Record(unit, status, now, healthUrlOk: false, 0, $"health URL: {problem} (unit active for {(now - entered).TotalSeconds:F0} s, still starting)");
            return GatewayCheckResult.HealthUrlFailing;
        }

        _healthFailingSince ??= now;
        var failures = store.Read(s => s.Gateway.Unit == unit ? s.Gateway.ConsecutiveHealthFailures : 0) + 1;
        var threshold = current.Recovery.HealthFailuresBeforeRestart;
        LogHealthUrlFailed(logger, unit, url, problem, failures, threshold);
        if (failures < threshold)
        {
            Record(unit, status, now, healthUrlOk: false, failures, $"health URL: {problem}");
            return GatewayCheckResult.HealthUrlFailing;
        }

        Record(unit, status, now, healthUrlOk: false, failures, $"health URL: {problem}");
        var reason = $"{unit} is active but {url} failed {failures} checks in a row ({problem}): hung";
        var decision = await recovery.RestartAsync(RestartTriggers.GatewayHung, reason, [], _healthFailingSince.Value, cancellationToken).ConfigureAwait(false);
        if (decision is RecoveryDecision.Restarted or RecoveryDecision.RestartFailed)
        {
            // A fresh count after a restart: the next hang needs N failures again.
            store.Update(s => s.Gateway.ConsecutiveHealthFailures = 0);
            _healthFailingSince = null;
        }

        return GatewayCheckResult.Hung;
    }

    private GatewayCheckResult Unavailable(string unit, SystemdError error, DateTimeOffset now)
    {
        var problem = error.Kind switch
        {
            SystemdErrorKind.NoSuchUnit => $"no unit {unit} (is OpenClaw's gateway installed as a user service? set Guard:OpenClaw:Unit)",
            SystemdErrorKind.NoBus => $"no systemd bus: {error.Message} (on a headless host: loginctl enable-linger)",
            _ => error.ToString(),
        };
        store.Update(s =>
        {
            s.Gateway = new GatewayState { Unit = unit, Problem = problem, LastCheck = now };
        });
        if (_reportedUnavailable != problem)
        {
            _reportedUnavailable = problem;
            LogUnavailable(logger, unit, problem);
        }

        return GatewayCheckResult.Unavailable;
    }

    private GatewayCheckResult NotActive(string unit, UnitStatus status, DateTimeOffset now)
    {
        _healthFailingSince = null;
        _notActiveChecks++;
        var description = $"{status.ActiveState}/{status.SubState}, result {status.Result ?? "-"}" +
            (status.ExecMainStatus is { } code ? $", last exit status {code}" : "");
        Record(unit, status, now, healthUrlOk: null, failures: 0, description);

        // activating/deactivating/reloading is systemd at work (e.g. auto-restart); report only when it persists.
        var settled = status.ActiveState is "inactive" or "failed";
        if (!settled && _notActiveChecks < 2)
        {
            return GatewayCheckResult.Unhealthy;
        }

        if (_reportedUnhealthy != description)
        {
            _reportedUnhealthy = description;
            LogUnhealthy(logger, unit, description);
            alerts.Raise(new AlertEvent
            {
                Kind = AlertEventKind.GatewayUnhealthy,
                Severity = AlertSeverity.Critical,
                Fingerprint = UnhealthyFingerprint(unit),
                At = now,
                Detail = status.ExecMainStatus == 78
                    ? $"{unit} is {description}: OpenClaw rejected its configuration (exit 78); fix openclaw.json"
                    : $"{unit} is {description}",
                Labels = new Dictionary<string, string> { ["unit"] = unit },
            });
        }

        return GatewayCheckResult.Unhealthy;
    }

    private void Healthy(string unit, UnitStatus status, DateTimeOffset now, bool? healthUrlOk)
    {
        _healthFailingSince = null;
        Record(unit, status, now, healthUrlOk, failures: 0, problem: null);
        if (_reportedUnhealthy is not null)
        {
            _reportedUnhealthy = null;
            LogHealthyAgain(logger, unit);
            alerts.Resolve(UnhealthyFingerprint(unit), now, $"{unit} is active again");
        }
    }

    private void Record(string unit, UnitStatus status, DateTimeOffset now, bool? healthUrlOk, int failures, string? problem) =>
        store.Update(s => s.Gateway = new GatewayState
        {
            Unit = unit,
            ActiveState = status.ActiveState,
            SubState = status.SubState,
            Result = status.Result,
            ExecMainStatus = status.ExecMainStatus,
            HealthUrlOk = healthUrlOk,
            ConsecutiveHealthFailures = failures,
            Problem = problem,
            LastCheck = now,
        });

    [LoggerMessage(EventId = 3310, Level = LogLevel.Warning, Message = "Gateway health check cannot see {Unit}: {Problem}. Said once; Guard keeps probing models and checks again every interval")]
    private static partial void LogUnavailable(ILogger logger, string unit, string problem);

    [LoggerMessage(EventId = 3311, Level = LogLevel.Error, Message = "Gateway {Unit} is not running: {Description}")]
    private static partial void LogUnhealthy(ILogger logger, string unit, string description);

    [LoggerMessage(EventId = 3312, Level = LogLevel.Information, Message = "Gateway {Unit} is active again")]
    private static partial void LogHealthyAgain(ILogger logger, string unit);

    [LoggerMessage(EventId = 3313, Level = LogLevel.Warning, Message = "Gateway {Unit} is active but {Url} failed: {Problem} ({Failures} of {Threshold} before a restart)")]
    private static partial void LogHealthUrlFailed(ILogger logger, string unit, string url, string problem, int failures, int threshold);

}
