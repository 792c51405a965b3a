using Guard.Configuration;
using Guard.Probing.Providers;
using Guard.State;

namespace Guard.Probing;

/// <summary>Decides which tiers run for a model this round, from its state.</summary>
public static class ProbePlanner
{
    public static ProbePlan Plan(ModelDefinition model, ModelState? state, DateTimeOffset now, TimeSpan deepEvery, bool forceDeep)
    {
        ArgumentNullException.ThrowIfNull(model);
        var hasReach = model.Tiers.Contains(ProbeTier.Reach);
        // The catalog already took the deep tier from coding plans; forcing must not bring it back.
        var hasDeep = model.Tiers.Contains(ProbeTier.Deep) || (forceDeep && CodingPlans.Of(model) == CodingPlan.None);

        // The provider asked us to wait: probing earlier only burns its limit (the failure is carried).
        if (!forceDeep && state?.RetryAfterUntil is { } retryAt && retryAt > now)
        {
            return new ProbePlan(model, [], DeepIfReachFails: false);
        }

        // A failing deep probe costs no tokens, so while it fails it is repeated every round to see recovery.
        var deepDue = hasDeep && (forceDeep
            || state?.LastDeepProbe is null
            || now - state.LastDeepProbe.Value >= deepEvery
            || state.DeepFailureKind is not null);

        var tiers = new List<ProbeTier>(2);
        if (hasReach)
        {
            tiers.Add(ProbeTier.Reach);
        }

        if (deepDue)
        {
            tiers.Add(ProbeTier.Deep);
        }

        var turningBad = (state?.ConsecutiveFailures ?? 0) == 0;
        return new ProbePlan(model, tiers, DeepIfReachFails: hasDeep && !deepDue && turningBad);
    }
}
