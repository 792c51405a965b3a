using Guard.State;

namespace Guard.OpenClaw.Advice;

/// <summary>
/// Recommends a fallback order: healthy before degraded before down (unknown counts as degraded); among equals, more
/// quota headroom, then lower latency, then the configured order. The primary is pinned: OpenClaw's own failover
/// already returns to it, and choosing it is the owner's decision.
/// </summary>
public static class ChainAdvisor
{
    /// <param name="chain">The configured chain, primary first.</param>
    /// <param name="state">Guard's current state.</param>
    /// <param name="headroomPercent">Quota left per model (0–100) where known; a model without a value ranks as unlimited.</param>
    public static ChainAdvice Recommend(IReadOnlyList<string> chain, GuardState state, IReadOnlyDictionary<string, double>? headroomPercent = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(state);
        if (chain.Count <= 2)
        {
            return new ChainAdvice(chain, chain, "fewer than two fallbacks");
        }

        var fallbacks = chain.Skip(1)
            .Select((id, index) => (Id: id, Index: index, Model: state.Models.GetValueOrDefault(id)))
            .OrderBy(m => Rank(m.Model))
            .ThenByDescending(m => headroomPercent?.GetValueOrDefault(m.Id, 100) ?? 100)
            .ThenBy(m => m.Model?.LastLatencyMs ?? double.MaxValue)
            .ThenBy(m => m.Index)
            .Select(m => m.Id);
        var recommended = new List<string> { chain[0] };
        recommended.AddRange(fallbacks);
        var down = chain.Skip(1).Where(id => state.Models.GetValueOrDefault(id)?.Health == ModelHealth.Down).ToList();
        var why = down.Count > 0 ? $"{string.Join(", ", down)} down; healthy and faster fallbacks first" : "healthy and faster fallbacks first";
        return new ChainAdvice(chain, recommended, why);
    }

    private static int Rank(ModelState? model) => model?.Health switch
    {
        ModelHealth.Healthy => 0,
        ModelHealth.Down => 2,
        _ => 1,
    };
}
