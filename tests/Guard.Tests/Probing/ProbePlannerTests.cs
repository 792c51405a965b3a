using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Guard.Tests.TestSupport;

namespace Guard.Tests.Probing;

public sealed class ProbePlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);
    private static readonly ModelDefinition Model = TestChain.Of("google/gemini-3-flash")[0];
    private static readonly TimeSpan DeepEvery = TimeSpan.FromMinutes(30);

    [Fact]
    public void Plan_NeverDeepProbed_RunsBothTiers() =>
        Assert.Equal([ProbeTier.Reach, ProbeTier.Deep], ProbePlanner.Plan(Model, null, Now, DeepEvery, false).Tiers);

    [Fact]
    public void Plan_DeepRecentlyOk_ReachOnlyAndDeepOnReachFailure()
    {
        var plan = ProbePlanner.Plan(Model, new ModelState { LastDeepProbe = Now.AddMinutes(-10) }, Now, DeepEvery, false);
        Assert.Equal([ProbeTier.Reach], plan.Tiers);
        Assert.True(plan.DeepIfReachFails);
    }

    [Fact]
    public void Plan_DeepEveryElapsed_RunsDeep() =>
        Assert.Contains(ProbeTier.Deep, ProbePlanner.Plan(Model, new ModelState { LastDeepProbe = Now.AddMinutes(-30) }, Now, DeepEvery, false).Tiers);

    [Fact]
    public void Plan_LastDeepFailed_RepeatsDeepEveryRound() =>
        Assert.Contains(ProbeTier.Deep, ProbePlanner.Plan(Model,
            new ModelState { LastDeepProbe = Now.AddSeconds(-30), DeepFailureKind = FailureKind.QuotaExhausted, ConsecutiveFailures = 1 },
            Now, DeepEvery, false).Tiers);

    [Fact]
    public void Plan_ProviderAskedToWait_ProbesNothing() =>
        Assert.Empty(ProbePlanner.Plan(Model, new ModelState { RetryAfterUntil = Now.AddMinutes(2) }, Now, DeepEvery, false).Tiers);

    [Fact]
    public void Plan_DeepOnlyModelWithinDeepEvery_ProbesNothing()
    {
        var deepOnly = Model with { Tiers = [ProbeTier.Deep] };
        Assert.Empty(ProbePlanner.Plan(deepOnly, new ModelState { LastDeepProbe = Now.AddMinutes(-5) }, Now, DeepEvery, false).Tiers);
    }

    [Fact]
    public void Plan_ReachOnlyModel_NeverDeep()
    {
        var reachOnly = Model with { Tiers = [ProbeTier.Reach] };
        var plan = ProbePlanner.Plan(reachOnly, null, Now, DeepEvery, false);
        Assert.Equal([ProbeTier.Reach], plan.Tiers);
        Assert.False(plan.DeepIfReachFails);
    }
}
