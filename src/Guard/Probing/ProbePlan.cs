using Guard.Configuration;

namespace Guard.Probing;

/// <summary>
/// What to probe for one model in one round. <c>DeepIfReachFails</c>: run the 1-token tier at once when the reach
/// probe turns bad, to learn the precise kind.
/// </summary>
public sealed record ProbePlan(ModelDefinition Model, IReadOnlyList<ProbeTier> Tiers, bool DeepIfReachFails);
