using Guard.OpenClaw.Discovery;
using Guard.State;

namespace Guard.OpenClaw.Cooldowns;

/// <summary>
/// Compares OpenClaw's cooldown / disabled windows (usageStats) with Guard's probes: a profile still cooling down whose
/// provider's model Guard has probed successfully since <c>probedSince</c> is a stale cooldown. <c>more</c> adds windows
/// from another source (the CLI's <c>auth.unusableProfiles</c>); each profile is reported once.
/// </summary>
public static class StaleCooldownFinder
{
    public static IReadOnlyList<StaleCooldown> Find(OpenClawDiscoveryResult discovery, GuardState state, DateTimeOffset now, DateTimeOffset probedSince,
        IEnumerable<ProfileUsage>? more = null)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        ArgumentNullException.ThrowIfNull(state);
        var findings = new List<StaleCooldown>();
        foreach (var usage in discovery.ProfileUsage.Concat(more ?? []))
        {
            if (findings.Exists(f => f.ProfileId == usage.ProfileId))
            {
                continue;
            }

            var (until, what, reason) = usage.DisabledUntil > now
                ? (usage.DisabledUntil.Value, "disabled", usage.DisabledReason)
                : usage.CooldownUntil > now ? (usage.CooldownUntil.Value, "in cooldown", usage.CooldownReason) : (default, null, null);
            if (what is null)
            {
                continue;
            }

            var provider = discovery.ProfileProviders.GetValueOrDefault(usage.ProfileId) ?? usage.Provider ?? ProfileIds.ProviderOf(usage.ProfileId);
            var candidates = discovery.Models
                .Where(m => string.Equals(m.Provider, provider, StringComparison.OrdinalIgnoreCase))
                .Where(m => usage.CooldownModel is null || what == "disabled" || m.Model == usage.CooldownModel || m.Id == usage.CooldownModel);
            foreach (var model in candidates)
            {
                if (state.Models.TryGetValue(model.Id, out var m) && m.Health == ModelHealth.Healthy && m.LastSuccess is { } ok && ok >= probedSince)
                {
                    findings.Add(new StaleCooldown(usage.ProfileId, provider, model.Id, what, reason, until, ok));
                    break;
                }
            }
        }

        return findings;
    }
}
