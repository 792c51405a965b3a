using Guard.State;

namespace Guard.OpenClaw.Advice;

/// <summary>
/// Recommends a chain order: healthy before degraded before down (unknown and quota-critical count as degraded); among
/// equals, more quota headroom, then lower latency, then the configured order. The primary keeps its place while it is
/// usable — OpenClaw's own failover returns to it — and always when pinned; only a down or quota-critical primary
/// gives way, and only to a healthy fallback.
/// </summary>
public static class ChainAdvisor
{
    /// <param name="chain">The configured chain, primary first.</param>
    /// <param name="state">Guard's current state.</param>
    /// <param name="inputs">Quota headroom, quota-critical models and the pin; none when null.</param>
    public static ChainAdvice Recommend(IReadOnlyList<string> chain, GuardState state, ChainAdviceInputs? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(state);
        inputs ??= ChainAdviceInputs.None;
        if (chain.Count < 2)
        {
            return new ChainAdvice(chain, chain, "a single model");
        }

        var ranked = chain.Select((id, index) => Candidate.Of(id, index, state, inputs)).ToList();
        var primary = ranked[0];
        var healthyFallback = ranked.Skip(1).Any(c => c.Rank == 0);
        var primaryGivesWay = !inputs.PinPrimary && (primary.Health == ModelHealth.Down || primary.QuotaCritical) && healthyFallback;
        var order = primaryGivesWay
            ? Sort(ranked)
            : [primary, .. Sort(ranked.Skip(1))];
        var advice = new ChainAdvice(chain, order.Select(c => c.Id).ToList(), Why(primary, primaryGivesWay, inputs.PinPrimary, ranked))
        {
            Entries = order.Select(c => new ChainAdviceEntry(c.Id, c.Health, c.QuotaCritical, c.Headroom, c.Latency)).ToList(),
        };
        return advice;
    }

    private static List<Candidate> Sort(IEnumerable<Candidate> candidates) =>
        [.. candidates
            .OrderBy(c => c.Rank)
            .ThenByDescending(c => c.Headroom ?? 100) // unknown quota ranks as unlimited
            .ThenBy(c => c.Latency is { } l && double.IsFinite(l) ? l : double.MaxValue)
            .ThenBy(c => c.Index)];

    private static string Why(Candidate primary, bool moved, bool pinned, List<Candidate> ranked)
    {
        var reasons = new List<string>();
        if (moved)
        {
            reasons.Add($"primary {primary.Id} {(primary.Health == ModelHealth.Down ? "down" : "quota critical")}");
        }
        else if (pinned)
        {
            reasons.Add($"primary {primary.Id} pinned");
        }

        var down = ranked.Skip(1).Where(c => c.Health == ModelHealth.Down).Select(c => c.Id).ToList();
        if (down.Count > 0)
        {
            reasons.Add($"{string.Join(", ", down)} down");
        }

        reasons.Add("healthy first, then more quota headroom, then lower latency");
        return string.Join("; ", reasons);
    }

    private sealed record Candidate(string Id, int Index, ModelHealth? Health, bool QuotaCritical, double? Headroom, double? Latency, int Rank)
    {
        public static Candidate Of(string id, int index, GuardState state, ChainAdviceInputs inputs)
        {
            var model = state.Models.GetValueOrDefault(id);
            var critical = inputs.QuotaCritical.Contains(id);
            var rank = model?.Health switch
            {
                ModelHealth.Healthy when !critical => 0,
                ModelHealth.Down => 2,
                _ => 1,
            };
            return new Candidate(id, index, model?.Health, critical, inputs.HeadroomPercent.TryGetValue(id, out var h) ? h : null, model?.LastLatencyMs, rank);
        }
    }
}
