using Guard.Chain;
using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Guard.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Guard.Watchdog;

/// <summary>
/// Feeds systemd's watchdog (<c>WatchdogSec=</c>; Hosting.Systemd sends only READY/STOPPING) with <c>WATCHDOG=1</c>
/// every half interval — but only while the probe loop makes progress (<see cref="ProbeLoopLiveness"/>). A stuck
/// loop therefore gets Guard killed and restarted by systemd (<c>Restart=on-failure</c>) instead of sitting silent.
/// Each ping carries a <c>STATUS=</c> summary; under <c>Type=notify</c> without a watchdog only the status is sent.
/// </summary>
public sealed partial class WatchdogPinger(
    ISystemdNotifier? notifier,
    WatchdogSettings? settings,
    ProbeLoopHeartbeat heartbeat,
    LiveOptions options,
    IModelChain modelChain,
    StateStore store,
    TimeProvider time,
    ILogger<WatchdogPinger> logger) : PeriodicService(time, logger)
{
    /// <summary>STATUS= refresh when systemd asked for no watchdog.</summary>
    private static readonly TimeSpan StatusOnlyEvery = TimeSpan.FromSeconds(30);

    private DateTimeOffset _started;
    private bool _stalledReported;

    public WatchdogSettings? Settings => settings;

    protected override Task<bool> StartingAsync(CancellationToken cancellationToken)
    {
        if (notifier is not { IsEnabled: true })
        {
            if (settings is not null)
            {
                LogNoNotifySocket(logger, settings.Interval.TotalSeconds);
            }

            return Task.FromResult(false);
        }

        _started = Time.GetUtcNow();
        if (settings is not null)
        {
            LogEnabled(logger, settings.Interval.TotalSeconds, settings.PingEvery.TotalSeconds, ProbeLoopLiveness.Allowance(options.Current, modelChain.Resolve(options.Current), _started).TotalSeconds);
        }

        return Task.FromResult(true);
    }

    protected override Task TickAsync(CancellationToken cancellationToken)
    {
        Tick();
        return Task.CompletedTask;
    }

    protected override TimeSpan NextWait() => settings?.PingEvery ?? StatusOnlyEvery;

    /// <summary>One notification: WATCHDOG=1 (when due and the loop is alive) plus STATUS=. Returns what was sent.</summary>
    public string Tick()
    {
        var now = Time.GetUtcNow();
        if (_started == default)
        {
            _started = now;
        }

        var current = options.Current;
        var chain = modelChain.Resolve(current);
        var allowance = ProbeLoopLiveness.Allowance(current, chain, now);
        var lastBeat = heartbeat.LastBeat;
        var alive = ProbeLoopLiveness.IsAlive(lastBeat, _started, now, allowance);
        if (!alive && !_stalledReported)
        {
            _stalledReported = true;
            LogStalled(logger, (now - (lastBeat ?? _started)).TotalSeconds, allowance.TotalSeconds);
        }
        else if (alive && _stalledReported)
        {
            _stalledReported = false;
            LogResumed(logger);
        }

        var status = "STATUS=" + store.Read(s => StatusLine.Build(s, current, chain.Count, now, alive));
        var message = alive && settings is not null ? "WATCHDOG=1\n" + status : status;
        notifier?.Notify(new ServiceState(message));
        return message;
    }

    [LoggerMessage(EventId = 3320, Level = LogLevel.Information, Message = "systemd watchdog: WatchdogSec={Interval} s, pinging every {Every} s while the probe loop beats at least every {Allowance} s")]
    private static partial void LogEnabled(ILogger logger, double interval, double every, double allowance);

    [LoggerMessage(EventId = 3321, Level = LogLevel.Critical, Message = "Probe loop made no progress for {Seconds:0} s (allowed {Allowance:0} s): no longer feeding the systemd watchdog, so systemd will restart Guard")]
    private static partial void LogStalled(ILogger logger, double seconds, double allowance);

    [LoggerMessage(EventId = 3322, Level = LogLevel.Warning, Message = "Probe loop is making progress again; feeding the systemd watchdog")]
    private static partial void LogResumed(ILogger logger);

    [LoggerMessage(EventId = 3323, Level = LogLevel.Warning, Message = "WATCHDOG_USEC asks for pings every {Interval} s but there is no notify socket (Hosting.Systemd not active): systemd will kill Guard. Exec guard directly from the unit (no wrapper script) and keep ProtectProc at its default")]
    private static partial void LogNoNotifySocket(ILogger logger, double interval);
}
