using Guard.Chain;
using Guard.Alerts;
using Guard.Configuration;
using Guard.Probing;
using Guard.Recovery;
using Guard.State;
using Microsoft.Extensions.Logging;

namespace Guard.OpenClaw.GatewayLog;

/// <summary>
/// "All models failed" K times within the window while Guard's own probes found a model healthy in that window: the
/// providers are fine, the gateway is not — ask for a restart (trigger GatewayStuck) through the recovery actor's gate
/// and budget. One request per window: after asking, further "All models failed" lines within <c>StuckWindow</c> are
/// logged but ask nothing (lines already in flight before the restart took effect must not restart it again, and a
/// gateway that keeps failing after its restart is a new episode only once the window has passed).
/// </summary>
public sealed class GatewayStuckDetector(
    LiveOptions options,
    IModelChain modelChain,
    StateStore store,
    IGatewayRestartRequester restarter,
    IAlertPublisher alerts,
    TimeProvider time,
    ILogger<GatewayStuckDetector> logger)
{
    public const string Trigger = "GatewayStuck";
    private readonly List<(DateTimeOffset At, IReadOnlyList<FailureKind> Kinds)> _failures = [];
    private readonly Lock _gate = new();
    private DateTimeOffset? _askedAt;

    /// <summary>"All models failed" summaries seen within the window.</summary>
    public int RecentFailures
    {
        get
        {
            lock (_gate)
            {
                return _failures.Count;
            }
        }
    }

    public async Task<RecoveryDecision?> OnAllModelsFailedAsync(GatewayLogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var current = options.Current.OpenClaw;
        var now = time.GetUtcNow();
        DateTimeOffset first;
        List<FailureKind> kinds;
        lock (_gate)
        {
            _failures.Add((entry.At, entry.Evidence.Where(e => e.Kind is not null).Select(e => e.Kind!.Value).ToList()));
            _failures.RemoveAll(f => f.At < now - current.StuckWindow);
            logger.AllModelsFailed(_failures.Count, current.StuckWindow);
            if (_failures.Count < current.StuckFailures || now - _askedAt < current.StuckWindow)
            {
                return null;
            }

            first = _failures.Min(f => f.At);
            kinds = _failures.SelectMany(f => f.Kinds).Distinct().ToList();
        }

        var recovery = options.Current.Recovery;
        if (!kinds.Exists(k => RestartPolicy.Helps(k, recovery)))
        {
            return null; // quota, rate limits, configuration: the gateway reports them truly, a restart cannot help
        }

        var chain = modelChain.Resolve(options.Current).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var healthy = store.Read(s => s.Models
            .Where(p => chain.Contains(p.Key) && p.Value.Health == ModelHealth.Healthy && p.Value.LastSuccess >= now - current.StuckWindow)
            .Where(p => !GatewaySawUnfixableFailure(p.Value, now - current.StuckWindow, recovery))
            .Select(p => p.Key)
            .ToList());
        if (healthy.Count == 0)
        {
            return null; // the providers really are failing: that is the dark-chain path's business
        }

        lock (_gate)
        {
            _failures.Clear();
            _askedAt = now;
        }

        var reason = $"the gateway log reported \"All models failed\" {current.StuckFailures}+ times within {current.StuckWindow} " +
            $"while Guard's probes found {string.Join(", ", healthy)} healthy";
        logger.GatewayStuck(reason);
        var decision = await restarter.RestartAsync(Trigger, reason, kinds, first, cancellationToken).ConfigureAwait(false);
        logger.GatewayStuckDecision(decision);
        if (decision is not RecoveryDecision.Restarted)
        {
            // The recovery actor said why it did not restart; this says what Guard saw, once per episode.
            alerts.Raise(new AlertEvent
            {
                Kind = AlertEventKind.GatewayUnhealthy,
                Severity = AlertSeverity.Critical,
                Fingerprint = $"{Trigger}|{current.Unit}",
                At = now,
                Detail = $"{reason}; restart: {decision}",
                Labels = new Dictionary<string, string> { ["trigger"] = Trigger, ["unit"] = current.Unit },
            });
        }

        return decision;
    }

    /// <summary>
    /// Guard's probe found the model healthy, but the gateway's own calls with it failed with a kind no restart fixes (a
    /// quota the model list does not show, say): Guard's "healthy" is no evidence against the gateway then.
    /// </summary>
    private static bool GatewaySawUnfixableFailure(ModelState model, DateTimeOffset since, RecoveryOptions recovery) =>
        model.Gateway is { LastFailedAt: { } at, LastFailureKind: { } kind } && at >= since && !RestartPolicy.Helps(kind, recovery);

    /// <summary>A real answer through the gateway ends the episode.</summary>
    public void OnGatewayServed(DateTimeOffset at)
    {
        bool had;
        lock (_gate)
        {
            had = _failures.Count > 0;
            _failures.Clear();
        }

        if (had)
        {
            alerts.Resolve($"{Trigger}|{options.Current.OpenClaw.Unit}", at, "the gateway answers again");
        }
    }
}
