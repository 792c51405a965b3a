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
    public async Task RunAsync_ManyModelsPerProvider_PerProviderLimitHoldsAndGlobalSlotsStillFill()
    {
        // Three providers of 6 models each, grouped as a real chain is (all of one provider, then the next).
        var providers = new[] { "http://a.test:1/v1", "http://b.test:2/v1", "http://b.test:3/v1" };
        var models = Enumerable.Range(0, 18)
            .Select(i => TestChain.Of($"p{i / 6}/m{i}")[0] with { BaseUrl = providers[i / 6] })
            .ToList();
        var inFlight = new Dictionary<string, int>();
        var maxPerProvider = new Dictionary<string, int>();
        var maxTotal = 0;
        var gate = new Lock();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var prober = new ScriptedProber(_time);
        prober.Handler = async (m, t, _) =>
        {
            var key = new Uri(m.BaseUrl!).Authority;
            lock (gate)
            {
                inFlight[key] = inFlight.GetValueOrDefault(key) + 1;
                maxPerProvider[key] = Math.Max(maxPerProvider.GetValueOrDefault(key), inFlight[key]);
                maxTotal = Math.Max(maxTotal, inFlight.Values.Sum());
            }

            // Hold every probe after the primary until the runner has started all it may start.
            if (m.Id != "p0/m0")
            {
                await release.Task;
            }

            lock (gate)
            {
                inFlight[key]--;
            }

            return TestChain.Ok(m.Id, t);
        };
        var runner = new ProbeRoundRunner(prober, _time, NullLogger<ProbeRoundRunner>.Instance);
        var options = new ProbeOptions { MaxConcurrency = 8, MaxConcurrencyPerProvider = 3 };

        var round = runner.RunAsync([.. models.Select(m => new ProbePlan(m, [ProbeTier.Reach], DeepIfReachFails: false))], options, CancellationToken.None);

        // Primary, then 3 of a, 3 of b:2 and 2 of b:3 (the global limit of 8): the ninth must not start.
        await prober.WaitForCallsAsync(9);
        Assert.False(await prober.Called.WaitAsync(TimeSpan.FromMilliseconds(200)), "a tenth probe started while eight were in flight");
        lock (gate)
        {
            Assert.Equal(8, inFlight.Values.Sum());
            Assert.Equal(3, inFlight["a.test:1"]);
            Assert.Equal(3, inFlight["b.test:2"]);
            Assert.Equal(2, inFlight["b.test:3"]);
        }

        // The chain order decides who goes first within the limits (probes run on the pool: compare as a set).
        Assert.Equal(["p0/m0", "p0/m1", "p0/m2", "p0/m3", "p1/m6", "p1/m7", "p1/m8", "p2/m12", "p2/m13"],
            prober.Calls.Select(c => c.Model).Order(StringComparer.Ordinal));
        release.SetResult();
        var outcomes = await round.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(outcomes, o => Assert.True(o.Ok));
        Assert.Equal(18, prober.Calls.Count);
        Assert.All(maxPerProvider.Values, max => Assert.InRange(max, 1, 3));
        Assert.Equal(8, maxTotal);
    }

    [Theory]
    [InlineData("https://API.Example.com/v1", "zhipu", "api.example.com")]
    [InlineData("http://127.0.0.1:8080/p1/v1", "p1", "127.0.0.1:8080")]
    [InlineData(null, "zhipu", "zhipu")]
    public void ProviderKey_IsTheEndpointAuthority_OrTheProviderId(string? baseUrl, string provider, string expected)
    {
        var model = TestChain.Of($"{provider}/m")[0] with { BaseUrl = baseUrl };

        Assert.Equal(expected, ProbeRoundRunner.ProviderKey(model));
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
