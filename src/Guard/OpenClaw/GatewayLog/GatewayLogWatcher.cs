using Guard.Chain;
using Guard.Configuration;
using Guard.OpenClaw.Discovery;
using Guard.Probing;
using Microsoft.Extensions.Hosting;
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
    IConfirmationRoundTrigger? confirmations = null) : BackgroundService
{
    /// <summary>How often the log is read; short, because detection and a restart decision wait on it.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Lines of one failed turn arrive within this of each other (the ws line, the CLI client's, the stop event).</summary>
    public static readonly TimeSpan SameTurnWindow = TimeSpan.FromSeconds(30);

    private GatewayLogTail? _tail;
    private DateTimeOffset? _lastChainFailure;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Current.OpenClaw.WatchLog)
        {
            return;
        }

        _tail = new GatewayLogTail(CurrentPaths, time);
        _tail.Poll();
        logger.FollowingLog(_tail.CurrentPath ?? "?");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, time, stoppingToken).ConfigureAwait(false);
                await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.WatcherFailed(ex);
            }
        }
    }

    /// <summary>Reads what was appended since the last poll and acts on it; callable directly by tests.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        _tail ??= new GatewayLogTail(CurrentPaths, time);
        var handled = 0;
        foreach (var line in _tail.Poll())
        {
            if (GatewayLogParser.Parse(line, time.GetUtcNow()) is not { } entry)
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
                if (time.GetUtcNow() - entry.At <= ConfirmationRounds.CorroborationWindow)
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
