using Guard.Configuration;
using Guard.OpenClaw.Advice;
using Guard.State;

namespace Guard.Tests.OpenClaw;

public sealed class ChainAdvisorTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);

    private static GuardState State(params (string Id, ModelHealth Health, double? Latency)[] models)
    {
        var state = new GuardState();
        foreach (var (id, health, latency) in models)
        {
            state.Models[id] = new ModelState { Health = health, LastLatencyMs = latency };
        }

        return state;
    }

    private static ChainAdviceInputs Inputs(bool pin = false, (string Id, double Left)[]? headroom = null, string[]? critical = null) =>
        new((headroom ?? []).ToDictionary(h => h.Id, h => h.Left), new HashSet<string>(critical ?? []), pin);

    [Fact]
    public void Healthy_before_degraded_before_down_faster_first_with_a_pinned_primary()
    {
        string[] chain = ["p/primary", "a/down", "b/slow", "c/degraded", "d/fast"];
        var state = State(("p/primary", ModelHealth.Down, 50), ("a/down", ModelHealth.Down, 10), ("b/slow", ModelHealth.Healthy, 900),
            ("c/degraded", ModelHealth.Degraded, 20), ("d/fast", ModelHealth.Healthy, 100));

        var advice = ChainAdvisor.Recommend(chain, state, Inputs(pin: true));

        Assert.Equal(["p/primary", "d/fast", "b/slow", "c/degraded", "a/down"], advice.Recommended);
        Assert.True(advice.Changed);
        Assert.False(advice.PrimaryMoved);
        Assert.Contains("primary p/primary pinned", advice.Describe(), StringComparison.Ordinal);
        Assert.Contains("a/down down", advice.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_down_primary_gives_way_to_the_best_healthy_fallback()
    {
        string[] chain = ["p/primary", "a/slow", "b/fast"];
        var state = State(("p/primary", ModelHealth.Down, 50), ("a/slow", ModelHealth.Healthy, 900), ("b/fast", ModelHealth.Healthy, 100));

        var advice = ChainAdvisor.Recommend(chain, state);

        Assert.Equal(["b/fast", "a/slow", "p/primary"], advice.Recommended);
        Assert.True(advice.PrimaryMoved);
        Assert.StartsWith("primary p/primary down", advice.Why, StringComparison.Ordinal);
        Assert.Equal("recommended order b/fast (healthy, 100 ms) → a/slow (healthy, 900 ms) → p/primary (down, 50 ms)", advice.DescribeEntries());
    }

    [Fact]
    public void A_down_primary_stays_when_no_fallback_is_healthy()
    {
        string[] chain = ["p/primary", "a/x", "b/y"];
        var state = State(("p/primary", ModelHealth.Down, 50), ("a/x", ModelHealth.Down, 900), ("b/y", ModelHealth.Degraded, 100));

        Assert.Equal(["p/primary", "b/y", "a/x"], ChainAdvisor.Recommend(chain, state).Recommended);
    }

    [Fact]
    public void A_quota_critical_primary_gives_way_and_ranks_as_degraded()
    {
        string[] chain = ["p/primary", "a/x", "b/y"];
        var state = State(("p/primary", ModelHealth.Healthy, 50), ("a/x", ModelHealth.Degraded, 900), ("b/y", ModelHealth.Healthy, 100));

        var advice = ChainAdvisor.Recommend(chain, state, Inputs(headroom: [("p/primary", 3)], critical: ["p/primary"]));

        Assert.Equal(["b/y", "a/x", "p/primary"], advice.Recommended); // both rank as degraded; unknown quota counts as more headroom
        Assert.Contains("p/primary (healthy, 3% quota left, quota critical, 50 ms)", advice.DescribeEntries(), StringComparison.Ordinal);
    }

    [Fact]
    public void Quota_headroom_ranks_before_latency()
    {
        string[] chain = ["p/x", "a/fast-but-nearly-out", "b/slower"];
        var state = State(("a/fast-but-nearly-out", ModelHealth.Healthy, 10), ("b/slower", ModelHealth.Healthy, 500));

        var advice = ChainAdvisor.Recommend(chain, state, Inputs(headroom: [("a/fast-but-nearly-out", 5)]));

        Assert.Equal(["p/x", "b/slower", "a/fast-but-nearly-out"], advice.Recommended);
    }

    [Fact]
    public void Headroom_comes_from_the_quota_watch_budgets()
    {
        var options = new GuardOptions();
        options.Quota.Budgets["a/x"] = new QuotaBudgetOptions { TokensPerWindow = 1000, Window = TimeSpan.FromDays(1) };
        var state = new GuardState();
        Guard.Quota.Ledger.UsageLedger.Add(state.Quota, "a/x", Now.AddMinutes(-10), new Guard.Quota.Ledger.UsageSample(900, 70, 0, 0, 970, 1, 0, 0));

        var inputs = ChainAdviceInputs.From(options, state, Now);

        Assert.Equal(3, inputs.HeadroomPercent["a/x"], 3);
        Assert.Contains("a/x", inputs.QuotaCritical);
    }

    [Fact]
    public void A_good_order_is_left_alone()
    {
        string[] chain = ["p/x", "a/y", "b/z"];
        var advice = ChainAdvisor.Recommend(chain, State(("a/y", ModelHealth.Healthy, 100), ("b/z", ModelHealth.Healthy, 200)));
        Assert.False(advice.Changed);
    }
}
