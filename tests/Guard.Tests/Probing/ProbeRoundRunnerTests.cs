using Guard.Configuration;
using Guard.Probing;
using Guard.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.Tests.Probing;

public sealed class ProbeRoundRunnerTests
{
    private readonly SignallingTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));

    private static List<ProbePlan> Plans(params string[] ids) =>
        TestChain.Of(ids).Select(m => new ProbePlan(m, [ProbeTier.Reach], DeepIfReachFails: false)).ToList();

    [Fact]
    public async Task RunAsync_PrimaryFails_FallbackWaitsFallbackDelay()
    {
        var prober = new ScriptedProber(_time)
        {
            Handler = (m, t, _) => Task.FromResult(m.Id.StartsWith("google", StringComparison.Ordinal)
                ? TestChain.Fail(m.Id, FailureKind.QuotaExhausted, t, 429)
                : TestChain.Ok(m.Id, t)),
        };
        var runner = new ProbeRoundRunner(prober, _time, NullLogger<ProbeRoundRunner>.Instance) { Jitter = () => 0.5 };
        var options = new ProbeOptions { FallbackDelay = TimeSpan.FromSeconds(5) };
        var start = _time.GetUtcNow();

        var round = runner.RunAsync(Plans("google/gemini-3-flash", "zhipu/glm-4.7", "moonshot/kimi-k2.5"), options, CancellationToken.None);
        await prober.WaitForCallsAsync(1);
        Assert.Single(prober.Calls);

        // 5 s × (1 + 0.5 jitter) = 7.5 s: nothing may start before that.
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(7.4));
        Assert.Single(prober.Calls);
        _time.Advance(TimeSpan.FromSeconds(0.2));
        await prober.WaitForCallsAsync(2);
        var outcomes = await round.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, outcomes.Count);
        Assert.False(outcomes[0].Ok);
        Assert.True(outcomes[1].Ok && outcomes[2].Ok);
        var calls = prober.Calls.ToList();
        Assert.True(calls[1].At - start >= TimeSpan.FromSeconds(7.5));
    }

    [Fact]
    public async Task RunAsync_HealthyChain_NoDelayAndConcurrencyBounded()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        var prober = new ScriptedProber(_time);
        prober.Handler = async (m, t, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            await Task.Yield();
            Interlocked.Decrement(ref inFlight);
            return TestChain.Ok(m.Id, t);
        };
        var runner = new ProbeRoundRunner(prober, _time, NullLogger<ProbeRoundRunner>.Instance);
        var ids = Enumerable.Range(0, 12).Select(i => $"p{i}/m").ToArray();

        var outcomes = await runner.RunAsync(Plans(ids), new ProbeOptions { MaxConcurrency = 3 }, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(outcomes, o => Assert.True(o.Ok));
        Assert.InRange(maxInFlight, 1, 3);
        Assert.Equal(12, prober.Calls.Count);
    }

    [Fact]
    public async Task RunAsync_ReachFailsAndDeepIfReachFails_RunsDeepForTheKind()
    {
        var prober = new ScriptedProber(_time)
        {
            Handler = (m, t, _) => Task.FromResult(t == ProbeTier.Reach
                ? TestChain.Fail(m.Id, FailureKind.RateLimited, t, 429, undetailed: true)
                : TestChain.Fail(m.Id, FailureKind.QuotaExhausted, t, 429)),
        };
        var runner = new ProbeRoundRunner(prober, _time, NullLogger<ProbeRoundRunner>.Instance);
        var plan = new ProbePlan(TestChain.Of("google/gemini-3-flash")[0], [ProbeTier.Reach], DeepIfReachFails: true);

        var outcomes = await runner.RunAsync([plan], new ProbeOptions(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([ProbeTier.Reach, ProbeTier.Deep], outcomes[0].Results.Select(r => r.Tier));
        Assert.Equal(FailureKind.QuotaExhausted, outcomes[0].Failure!.Kind);
    }

    [Fact]
    public async Task RunAsync_EmptyPlan_NoProbeAndNoOutcomeResults()
    {
        var prober = new ScriptedProber(_time);
        var runner = new ProbeRoundRunner(prober, _time, NullLogger<ProbeRoundRunner>.Instance);
        var plan = new ProbePlan(TestChain.Of("a/b")[0], [], DeepIfReachFails: false);

        var outcomes = await runner.RunAsync([plan], new ProbeOptions(), CancellationToken.None);

        Assert.False(outcomes[0].Ran);
        Assert.Empty(prober.Calls);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
