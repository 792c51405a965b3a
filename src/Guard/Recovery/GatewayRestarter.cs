using Guard.Configuration;
using Guard.Systemd;
using Microsoft.Extensions.Logging;

namespace Guard.Recovery;

/// <summary>
/// One restart of the gateway unit: reset a start-limit lockout once if needed, RestartUnit(replace), wait for the
/// job, confirm ActiveState=active and, when configured, that the health URL answers. Never throws for systemd or
/// HTTP failures; each step is logged.
/// </summary>
public sealed partial class GatewayRestarter(ISystemdManager systemd, GatewayHealthProbe health, TimeProvider time, ILogger<GatewayRestarter> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<RestartAttempt> RestartAsync(string unit, RecoveryOptions options, string? healthUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(unit);
        ArgumentNullException.ThrowIfNull(options);
        var before = await systemd.GetUnitStateAsync(unit, cancellationToken).ConfigureAwait(false);
        if (!before.IsSuccess)
        {
            return Failed(unit, null, before.Error!.Message, null, false);
        }

        var resetFirst = false;
        if (before.Value!.IsStartLimitHit)
        {
            // systemd refuses to start a unit that hit StartLimitBurst until its failed state is reset.
            resetFirst = true;
            LogResetFailed(logger, unit);
            var reset = await systemd.ResetFailedUnitAsync(unit, cancellationToken).ConfigureAwait(false);
            if (!reset.IsSuccess)
            {
                return Failed(unit, null, "reset-failed: " + reset.Error!.Message, before.Value, true);
            }
        }

        LogRestarting(logger, unit);
        var job = await systemd.RestartUnitAsync(unit, "replace", cancellationToken).ConfigureAwait(false);
        if (!job.IsSuccess)
        {
            return Failed(unit, null, job.Error!.Message, before.Value, resetFirst);
        }

        var completion = await systemd.WaitForJobAsync(job.Value!, options.VerifyTimeout, cancellationToken).ConfigureAwait(false);
        if (!completion.IsSuccess)
        {
            return Failed(unit, null, completion.Error!.Message, null, resetFirst);
        }

        var jobResult = completion.Value!.RawResult;
        LogJobDone(logger, unit, jobResult);
        if (!completion.Value.Succeeded)
        {
            var after = await systemd.GetUnitStateAsync(unit, cancellationToken).ConfigureAwait(false);
            return Failed(unit, jobResult, $"restart job ended '{jobResult}'", after.Value, resetFirst);
        }

        var deadline = time.GetUtcNow() + options.VerifyTimeout;
        var active = await WaitActiveAsync(unit, deadline, cancellationToken).ConfigureAwait(false);
        if (active is not { IsActive: true })
        {
            var state = active is null ? "unknown" : $"{active.ActiveState}/{active.SubState}";
            return Failed(unit, jobResult, $"unit not active after restart ({state})", active, resetFirst);
        }

        if (!string.IsNullOrEmpty(healthUrl))
        {
            var problem = await WaitHealthyAsync(healthUrl, deadline, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return Failed(unit, jobResult, $"unit active but health URL failing: {problem}", active, resetFirst);
            }
        }

        return new RestartAttempt(true, jobResult, "unit active" + (string.IsNullOrEmpty(healthUrl) ? "" : ", health URL answers"), active, resetFirst);
    }

    private async Task<UnitStatus?> WaitActiveAsync(string unit, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = await systemd.GetUnitStateAsync(unit, cancellationToken).ConfigureAwait(false);
            if (state.Value is { IsActive: true } || time.GetUtcNow() >= deadline || state.Value is { IsFailed: true })
            {
                return state.Value;
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string?> WaitHealthyAsync(string url, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var problem = await health.CheckAsync(url, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            if (problem is null || time.GetUtcNow() >= deadline)
            {
                return problem;
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private RestartAttempt Failed(string unit, string? jobResult, string detail, UnitStatus? after, bool resetFirst)
    {
        LogFailed(logger, unit, detail);
        return new RestartAttempt(false, jobResult, detail, after, resetFirst);
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Restarting {Unit}")]
    private static partial void LogRestarting(ILogger logger, string unit);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "{Unit} hit its start limit: resetting its failed state before the restart")]
    private static partial void LogResetFailed(ILogger logger, string unit);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Restart job for {Unit} finished: {JobResult}")]
    private static partial void LogJobDone(ILogger logger, string unit, string jobResult);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Restart of {Unit} failed: {Detail}")]
    private static partial void LogFailed(ILogger logger, string unit, string detail);
}
