using Guard.OpenClaw.Advice;
using Guard.State;

namespace Guard.Tests.OpenClaw;

public sealed class ChainAdvisorTests
{
    private static GuardState State(params (string Id, ModelHealth Health, double? Latency)[] models)
    {
        var state = new GuardState();
        foreach (var (id, health, latency) in models)
        {
            state.Models[id] = new ModelState { Health = health, LastLatencyMs = latency };
        }

        return state;
    }

    [Fact]
    public void Healthy_before_degraded_before_down_faster_first_primary_pinned()
    {
        string[] chain = ["p/primary", "a/down", "b/slow", "c/degraded", "d/fast"];
        var state = State(("p/primary", ModelHealth.Down, 50), ("a/down", ModelHealth.Down, 10), ("b/slow", ModelHealth.Healthy, 900),
            ("c/degraded", ModelHealth.Degraded, 20), ("d/fast", ModelHealth.Healthy, 100));

        var advice = ChainAdvisor.Recommend(chain, state);

        Assert.Equal(["p/primary", "d/fast", "b/slow", "c/degraded", "a/down"], advice.Recommended);
        Assert.True(advice.Changed);
        Assert.Contains("a/down down", advice.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Quota_headroom_ranks_before_latency()
    {
        string[] chain = ["p/x", "a/fast-but-nearly-out", "b/slower"];
        var state = State(("a/fast-but-nearly-out", ModelHealth.Healthy, 10), ("b/slower", ModelHealth.Healthy, 500));

        var advice = ChainAdvisor.Recommend(chain, state, new Dictionary<string, double> { ["a/fast-but-nearly-out"] = 5 });

        Assert.Equal(["p/x", "b/slower", "a/fast-but-nearly-out"], advice.Recommended);
    }

    [Fact]
    public void A_good_order_is_left_alone()
    {
        string[] chain = ["p/x", "a/y", "b/z"];
        var advice = ChainAdvisor.Recommend(chain, State(("a/y", ModelHealth.Healthy, 100), ("b/z", ModelHealth.Healthy, 200)));
        Assert.False(advice.Changed);
    }
}
