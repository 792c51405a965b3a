using Guard.Alerts;
using Guard.Configuration;
using Guard.OpenClaw.Cli;
using Guard.OpenClaw.Cooldowns;
using Guard.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Discovers again when openclaw.json, ~/.openclaw/.env or an auth profile file changes (or Guard's own options do),
/// publishing the new chain for the next round; and reports stale cooldowns, once each, until they clear.
/// </summary>
public sealed class OpenClawDiscoveryService(
    LiveOptions options,
    StateStore store,
    IAlertPublisher alerts,
    TimeProvider time,
    ILogger<OpenClawDiscoveryService> logger) : BackgroundService
{
    private readonly HashSet<string> _firingCooldowns = new(StringComparer.Ordinal);
    private string? _stamp;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        options.Changed += _ => _stamp = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Current.OpenClaw.RediscoverEvery, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.DiscoveryFailed(ex);
                await Task.Delay(options.Current.OpenClaw.RediscoverEvery, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One pass: rediscover if anything changed, then look for stale cooldowns. Callable by tests.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var current = options.Current;
        if (!current.OpenClaw.Discover)
        {
            return;
        }

        var previous = OpenClawChainRegistry.Find(current.OpenClaw);
        var stamp = OpenClawDiscoverer.Stamp(previous?.Paths ?? OpenClawPaths.Resolve(current.OpenClaw, Environment.GetEnvironmentVariable));
        if (previous is null || _stamp is null || !string.Equals(stamp, _stamp, StringComparison.Ordinal))
        {
            var cli = new OpenClawCli(current.OpenClaw, time);
            var result = await new OpenClawDiscoverer(cli, Environment.GetEnvironmentVariable).DiscoverAsync(current.OpenClaw, cancellationToken).ConfigureAwait(false);
            OpenClawChainRegistry.Publish(current.OpenClaw, result);
            _stamp = result.Stamp;
            var chain = string.Join(" → ", ModelCatalog.Resolve(current).Select(m => m.Id));
            if (previous is null || !previous.Models.SequenceEqual(result.Models))
            {
                logger.Rediscovered(chain);
            }

            foreach (var problem in result.Problems.Except(previous?.Problems ?? []))
            {
                logger.DiscoveryProblem(problem);
            }
        }

        ReportStaleCooldowns(current);
    }

    private void ReportStaleCooldowns(GuardOptions current)
    {
        if (OpenClawChainRegistry.Find(current.OpenClaw) is not { } discovery)
        {
            return;
        }

        var now = time.GetUtcNow();
        var since = now - current.Probe.DeepEvery - current.OpenClaw.RediscoverEvery;
        var findings = StaleCooldownFinder.Find(discovery, store.Snapshot(), now, since);
        foreach (var finding in findings.Where(f => _firingCooldowns.Add(f.Fingerprint)))
        {
            logger.StaleCooldown(finding.ProfileId, finding.State, finding.Until, finding.Reason, finding.ModelId);
            alerts.Raise(new AlertEvent
            {
                Kind = AlertEventKind.GatewayUnhealthy,
                Severity = AlertSeverity.Warning,
                Fingerprint = finding.Fingerprint,
                At = now,
                Model = finding.ModelId,
                Detail = finding.Describe(),
                RetryAt = finding.Until,
                Labels = new Dictionary<string, string> { ["finding"] = "StaleCooldown", ["profile"] = finding.ProfileId },
            });
        }

        foreach (var gone in _firingCooldowns.Except(findings.Select(f => f.Fingerprint)).ToList())
        {
            _firingCooldowns.Remove(gone);
            alerts.Resolve(gone, now, "OpenClaw no longer holds the profile back");
        }
    }
}
