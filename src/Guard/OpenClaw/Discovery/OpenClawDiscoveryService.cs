using Guard.Chain;
using Guard.Alerts;
using Guard.Configuration;
using Guard.OpenClaw.Cli;
using Guard.OpenClaw.Cooldowns;
using Guard.State;
using Guard.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Discovers again when openclaw.json, ~/.openclaw/.env or an auth profile file changes (or Guard's own options do),
/// publishing the new chain for the next round; and reports stale cooldowns, once each, until they clear.
/// </summary>
public sealed class OpenClawDiscoveryService(
    LiveOptions options,
    IModelChain modelChain,
    StateStore store,
    IAlertPublisher alerts,
    TimeProvider time,
    ILogger<OpenClawDiscoveryService> logger) : PeriodicService(time, logger)
{
    /// <summary>Each <c>openclaw models status</c> call starts a Node process: ask at most this often.</summary>
    public static readonly TimeSpan UnusableProfilesEvery = TimeSpan.FromMinutes(5);

    private readonly HashSet<string> _firingCooldowns = new(StringComparer.Ordinal);
    private string? _stamp;
    private IReadOnlyList<ProfileUsage> _unusable = [];
    private DateTimeOffset? _unusableReadAt;
    private string? _unusableProblem;

    protected override Task<bool> StartingAsync(CancellationToken cancellationToken)
    {
        options.Changed += _ => _stamp = null;
        return Task.FromResult(true);
    }

    protected override Task TickAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);

    protected override TimeSpan NextWait() => options.Current.OpenClaw.RediscoverEvery;

    /// <summary>One pass: rediscover if anything changed, then look for stale cooldowns. Callable by tests.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var current = options.Current;
        if (!current.OpenClaw.Discover)
        {
            return;
        }

        var previous = modelChain.Discovery(current.OpenClaw);
        var stamp = OpenClawDiscoverer.Stamp(previous?.Paths ?? OpenClawPaths.Resolve(current.OpenClaw, Environment.GetEnvironmentVariable));
        if (previous is null || _stamp is null || !string.Equals(stamp, _stamp, StringComparison.Ordinal))
        {
            var result = await new OpenClawDiscoverer(Environment.GetEnvironmentVariable).DiscoverAsync(current.OpenClaw, cancellationToken).ConfigureAwait(false);
            modelChain.Publish(current.OpenClaw, result);
            _stamp = result.Stamp;
            var chain = string.Join(" → ", modelChain.Resolve(current).Select(m => m.Id));
            if (previous is null || !previous.Models.SequenceEqual(result.Models))
            {
                logger.Rediscovered(chain);
            }

            foreach (var problem in result.Problems.Except(previous?.Problems ?? []))
            {
                logger.DiscoveryProblem(problem);
            }
        }

        await ReportStaleCooldownsAsync(current, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReportStaleCooldownsAsync(GuardOptions current, CancellationToken cancellationToken)
    {
        if (modelChain.Discovery(current.OpenClaw) is not { } discovery)
        {
            return;
        }

        var now = Time.GetUtcNow();
        var since = now - current.Probe.DeepEvery - current.OpenClaw.RediscoverEvery;
        var state = store.Snapshot();
        await ReadUnusableProfilesAsync(current, discovery, state, since, now, cancellationToken).ConfigureAwait(false);
        var findings = StaleCooldownFinder.Find(discovery, state, now, since, _unusable);
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

    /// <summary>
    /// The CLI's <c>auth.unusableProfiles</c>, only while some model probes fine (a stale cooldown needs one). A failing or
    /// hung CLI is logged once per distinct problem; the file-based usageStats still count.
    /// </summary>
    private async Task ReadUnusableProfilesAsync(GuardOptions current, OpenClawDiscoveryResult discovery, GuardState state,
        DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var anyHealthy = state.Models.Values.Any(m => m.Health == ModelHealth.Healthy && m.LastSuccess >= since);
        if (!anyHealthy || now - _unusableReadAt < UnusableProfilesEvery)
        {
            return;
        }

        var cli = new OpenClawCli(current.OpenClaw, Time);
        if (!cli.Available)
        {
            return;
        }

        _unusableReadAt = now;
        var (profiles, problem) = await UnusableProfiles.ReadAsync(cli, discovery.Paths, now, cancellationToken).ConfigureAwait(false);
        if (problem is null || profiles.Count > 0)
        {
            _unusable = profiles;
        }

        if (problem is not null && problem != _unusableProblem)
        {
            logger.DiscoveryProblem(problem);
        }

        _unusableProblem = problem;
    }
}
