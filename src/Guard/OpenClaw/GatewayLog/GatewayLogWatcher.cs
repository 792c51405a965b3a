using Guard.Chain;
using Guard.Configuration;
using Guard.OpenClaw.Discovery;
using Guard.Probing;
using Guard.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.OpenClaw.GatewayLog;

/// <summary>
/// Follows the gateway's JSON log and turns its failover events into passive evidence, its cooldowns into the state, and
/// a failed turn ("All models failed", or a chain the gateway stopped — the idle-timeout breaker, a hang's only trace)
/// into a prompt confirmation probe round (fresh lines only; Guard's own probes decide whether the chain is dark) and
/// into gateway-stuck detection. One failed turn counts once: 2026.9 writes its "All models failed" both in the
/// gateway's ws line and in the CLI client's own line.
/// </summary>
public sealed class GatewayLogWatcher(
    LiveOptions options,
    IModelChain modelChain,
    GatewayEvidenceRecorder recorder,
    GatewayStuckDetector stuck,
    TimeProvider time,
    ILogger<GatewayLogWatcher> logger,
    IConfirmationRoundTrigger? confirmations = null) : PeriodicService(time, logger)
{
    /// <summary>How often the log is read; short, because detection and a restart decision wait on it.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Lines of one failed turn arrive within this of each other (the ws line, the CLI client's, the stop event).</summary>
    public static readonly TimeSpan SameTurnWindow = TimeSpan.FromSeconds(30);

    private GatewayLogTail? _tail;
    private DateTimeOffset? _lastChainFailure;

    /// <summary>Start-up read the log up to now; the first poll comes one interval later.</summary>
    protected override bool WaitBeforeFirstTick => true;

    /// <remarks>
    /// A poll, not a file watch: the gateway rotates its log daily and inotify events are lost across the rotation and
    /// on some file systems; a one-second read of what was appended costs next to nothing.
    /// </remarks>
    protected override Task<bool> StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.Current.OpenClaw.WatchLog)
        {
            return Task.FromResult(false);
        }

        _tail = new GatewayLogTail(CurrentPaths, Time);
        _tail.Poll();
        logger.FollowingLog(_tail.CurrentPath ?? "?");
        return Task.FromResult(true);
    }

    protected override Task TickAsync(CancellationToken cancellationToken) => PollOnceAsync(cancellationToken);

    protected override TimeSpan NextWait() => PollInterval;

    /// <summary>Reads what was appended since the last poll and acts on it; callable directly by tests.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        _tail ??= new GatewayLogTail(CurrentPaths, Time);
        var handled = 0;
        foreach (var line in _tail.Poll())
        {
            if (GatewayLogParser.Parse(line, Time.GetUtcNow()) is not { } entry)
            {
                continue;
            }

            handled++;
            foreach (var evidence in entry.Evidence)
            {
                if (evidence.Ok)
                {
                    stuck.OnGatewayServed(evidence.At);
                }
                else
                {
                    logger.GatewayFailure(evidence.ModelId, evidence.Kind, evidence.Reason, evidence.HttpStatus, evidence.Event, evidence.Message);
                }

                recorder.Record(evidence);
            }

            foreach (var cooldown in entry.Cooldowns)
            {
                recorder.RecordCooldown(cooldown);
            }

            if (entry.ChainFailed)
            {
                if (_lastChainFailure is { } first && (entry.At - first).Duration() <= SameTurnWindow)
                {
                    continue; // the same turn's second line
                }

                _lastChainFailure = entry.At;

                // A line replayed from a rotated file is history, not a reason to probe now.
                if (Time.GetUtcNow() - entry.At <= ConfirmationRounds.CorroborationWindow)
                {
                    confirmations?.GatewayReportedChainFailure();
                }

                await stuck.OnAllModelsFailedAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }

        return handled;
    }

    private OpenClawPaths CurrentPaths() =>
        modelChain.Discovery(options.Current.OpenClaw)?.Paths
        ?? OpenClawPaths.Resolve(options.Current.OpenClaw, Environment.GetEnvironmentVariable);
}
