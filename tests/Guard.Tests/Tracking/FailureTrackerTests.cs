using Guard.Events;
using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Guard.Tests.TestSupport;
using Guard.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.Tracking;

public sealed class FailureTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
    private readonly StateStore _store = new(new GuardState(), Path.Combine(Path.GetTempPath(), "unused-state.json"));
    private readonly EventHub _hub = TestScheduler.Hub();
    private readonly ProbeOptions _options = new();
    private readonly FailureTracker _tracker;

    public FailureTrackerTests() => _tracker = new FailureTracker(_store, _hub, _time, NullLogger<FailureTracker>.Instance);

    private static readonly IReadOnlyList<ModelDefinition> Chain = TestChain.Of("google/gemini-3-flash", "zhipu/glm-4.7");

    private RoundSummary Round(params ModelProbeOutcome[] outcomes)
    {
        _time.Advance(TimeSpan.FromSeconds(30));
        return _tracker.RecordRound(Chain, outcomes, _options);
    }

    private List<HealthTransition> Drain(System.Threading.Channels.ChannelReader<HealthTransition> reader)
    {
        var list = new List<HealthTransition>();
        while (reader.TryRead(out var t))
        {
            list.Add(t);
        }

        return list;
    }

    [Fact]
    public void RecordRound_ThreeFailures_ModelDownOnceAndCountsPerKind()
    {
        using var subscription = _hub.Subscribe<HealthTransition>("test");
        var reader = subscription.Reader;
        for (var i = 1; i <= 5; i++)
        {
            Round(TestChain.Outcome("google/gemini-3-flash", TestChain.Fail("google/gemini-3-flash", FailureKind.Timeout)),
                TestChain.Outcome("zhipu/glm-4.7", TestChain.Ok("zhipu/glm-4.7")));
            var health = _store.Snapshot().Models["google/gemini-3-flash"].Health;
            Assert.Equal(i < 3 ? ModelHealth.Degraded : ModelHealth.Down, health);
        }

        var transitions = Drain(reader);
        var down = Assert.Single(transitions);
        Assert.Equal(TransitionKind.ModelDown, down.Kind);
        Assert.Equal(FailureKind.Timeout, down.FailureKind);
        var state = _store.Snapshot().Models["google/gemini-3-flash"];
        Assert.Equal(5, state.ConsecutiveFailures);
        Assert.Equal(5, state.FailureCounts[FailureKind.Timeout]);
        Assert.Null(state.LastAvailable);
        Assert.NotNull(_store.Snapshot().Models["zhipu/glm-4.7"].LastAvailable);
    }

    [Fact]
    public void RecordRound_AllModelsFailThreeRounds_ChainDarkOnceThenRecoveredOnce()
    {
        using var subscription = _hub.Subscribe<HealthTransition>("test");
        var reader = subscription.Reader;
        var failing = new[]
        {
            TestChain.Outcome("google/gemini-3-flash", TestChain.Fail("google/gemini-3-flash", FailureKind.QuotaExhausted, status: 429)),
            TestChain.Outcome("zhipu/glm-4.7", TestChain.Fail("zhipu/glm-4.7", FailureKind.Forbidden, status: 403)),
        };
        Assert.False(Round(failing).ChainDark);
        Assert.False(Round(failing).ChainDark);
        var third = Round(failing);
        Assert.True(third.ChainDark);
        Assert.Equal(3, third.ConsecutiveAllFailedRounds);
        Round(failing);

        var dark = Drain(reader).Where(t => t.Kind == TransitionKind.ChainDark).ToList();
        var chainDark = Assert.Single(dark);
        Assert.Equal(2, chainDark.Models.Count);
        Assert.Contains(chainDark.Models, m => m.ModelId == "zhipu/glm-4.7" && m.Kind == FailureKind.Forbidden);
        Assert.NotNull(_store.Snapshot().Chain.DarkSince);

        Round(TestChain.Outcome("google/gemini-3-flash", TestChain.Fail("google/gemini-3-flash", FailureKind.QuotaExhausted)),
            TestChain.Outcome("zhipu/glm-4.7", TestChain.Ok("zhipu/glm-4.7")));
        Round(TestChain.Outcome("google/gemini-3-flash", TestChain.Fail("google/gemini-3-flash", FailureKind.QuotaExhausted)),
            TestChain.Outcome("zhipu/glm-4.7", TestChain.Ok("zhipu/glm-4.7")));
        var after = Drain(reader);
        Assert.Single(after, t => t.Kind == TransitionKind.ChainRecovered);
        Assert.Single(after, t => t.Kind == TransitionKind.ModelRecovered && t.ModelId == "zhipu/glm-4.7");
        var chain = _store.Snapshot().Chain;
        Assert.False(chain.IsDark);
        Assert.Equal(0, chain.ConsecutiveDarkRounds);
        Assert.Equal(["zhipu/glm-4.7"], chain.UsableModels);
    }

    [Fact]
    public void RecordRound_ReachOkAfterDeepQuotaFailure_ModelStaysFailing()
    {
        Round(TestChain.Outcome("google/gemini-3-flash",
                TestChain.Ok("google/gemini-3-flash"),
                TestChain.Fail("google/gemini-3-flash", FailureKind.QuotaExhausted, ProbeTier.Deep, 429)),
            TestChain.Outcome("zhipu/glm-4.7", TestChain.Ok("zhipu/glm-4.7")));
        var summary = Round(TestChain.Outcome("google/gemini-3-flash", TestChain.Ok("google/gemini-3-flash")),
            TestChain.Outcome("zhipu/glm-4.7", TestChain.Ok("zhipu/glm-4.7")));

        var verdict = summary.Models.Single(v => v.ModelId == "google/gemini-3-flash");
        Assert.False(verdict.Ok);
        Assert.True(verdict.Carried);
        Assert.Equal(FailureKind.QuotaExhausted, verdict.Kind);
        Assert.Equal(2, _store.Snapshot().Models["google/gemini-3-flash"].ConsecutiveFailures);

        Round(TestChain.Outcome("google/gemini-3-flash", TestChain.Ok("google/gemini-3-flash"), TestChain.Ok("google/gemini-3-flash", ProbeTier.Deep)),
            TestChain.Outcome("zhipu/glm-4.7", TestChain.Ok("zhipu/glm-4.7")));
        Assert.Equal(ModelHealth.Healthy, _store.Snapshot().Models["google/gemini-3-flash"].Health);
    }

    [Fact]
    public void RecordRound_UndetailedRateLimitPersists_EscalatesToQuotaExhausted()
    {
        RoundSummary last = null!;
        for (var i = 0; i < 22; i++)
        {
            last = Round(TestChain.Outcome("google/gemini-3-flash", TestChain.Fail("google/gemini-3-flash", FailureKind.RateLimited, status: 429, undetailed: true)),
                TestChain.Outcome("zhipu/glm-4.7", TestChain.Ok("zhipu/glm-4.7")));
            var expected = TimeSpan.FromSeconds(30 * i) >= _options.RateLimitEscalateAfter ? FailureKind.QuotaExhausted : FailureKind.RateLimited;
            Assert.Equal(expected, last.Models[0].Kind);
        }

        Assert.Equal(FailureKind.QuotaExhausted, _store.Snapshot().Models["google/gemini-3-flash"].LastFailureKind);
    }

    [Fact]
    public void RecordRound_RetryAfter_RecordedAndCarriedWhileNotProbed()
    {
        Round(TestChain.Outcome("google/gemini-3-flash", TestChain.Fail("google/gemini-3-flash", FailureKind.RateLimited, status: 429, retryAfter: TimeSpan.FromMinutes(5))),
            TestChain.Outcome("zhipu/glm-4.7", TestChain.Ok("zhipu/glm-4.7")));
        var retryUntil = _store.Snapshot().Models["google/gemini-3-flash"].RetryAfterUntil;
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(5), retryUntil);

        // Nothing ran for the model (the planner respects retry-after): the failure is carried, not forgotten.
        var summary = Round(new ModelProbeOutcome("google/gemini-3-flash", []), TestChain.Outcome("zhipu/glm-4.7", TestChain.Ok("zhipu/glm-4.7")));
        Assert.False(summary.Models[0].Ok);
        Assert.Equal(retryUntil, _store.Snapshot().Models["google/gemini-3-flash"].RetryAfterUntil);
    }
}
