using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Guard.Tests.TestSupport;
using Guard.Tracking;

namespace Guard.Tests.Probing;

public sealed class ProbeSchedulerTests
{
    private readonly SignallingTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
    private readonly ScriptedProber _prober;
    private readonly StateStore _store = new(new GuardState(), Path.Combine(Path.GetTempPath(), "unused-state.json"));

    public ProbeSchedulerTests() => _prober = new ScriptedProber(_time);

    private ProbeScheduler CreateScheduler(GuardOptions options) => TestScheduler.Create(options, _prober, _store, _time);

    private static GuardOptions OneModel(string schedule = "*/30 * * * * *") => new()
    {
        Probe = new ProbeOptions { Schedule = schedule },
        Models = [new ModelOptions { Id = "zhipu/glm-4.7", Tiers = [ProbeTier.Reach] }],
    };

    [Fact]
    public async Task Loop_LongRound_NoOverlapAndMissedTicksNotReplayed()
    {
        var release = new TaskCompletionSource<ProbeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _prober.Handler = (m, t, _) => _prober.Calls.Count == 1 ? release.Task : Task.FromResult(TestChain.Ok(m.Id, t));
        using var scheduler = CreateScheduler(OneModel());
        await scheduler.StartAsync(CancellationToken.None);

        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(30));
        await _prober.WaitForCallsAsync(1);

        // The round hangs for five minutes: ten ticks pass, none may start a second round.
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(_prober.Calls);
        release.SetResult(TestChain.Ok("zhipu/glm-4.7"));

        await _time.WaitForTimerAsync();
        Assert.Single(_prober.Calls);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Single(_prober.Calls);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _prober.WaitForCallsAsync(1);
        Assert.Equal(2, _prober.Calls.Count);
        Assert.Equal(new DateTimeOffset(2026, 2, 12, 21, 6, 0, TimeSpan.Zero), _prober.Calls.Last().At);

        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task RunRoundAsync_OutageThreeRounds_ChainDarkPersistedInStore()
    {
        var options = new GuardOptions
        {
            Probe = new ProbeOptions { FallbackDelay = TimeSpan.Zero },
            Models = [new ModelOptions { Id = "google/gemini-3-flash", Tiers = [ProbeTier.Reach] }, new ModelOptions { Id = "zhipu/glm-4.7", Tiers = [ProbeTier.Reach] }],
        };
        _prober.Handler = (m, t, _) => Task.FromResult(TestChain.Fail(m.Id, FailureKind.ServerError, t, 500));
        using var scheduler = CreateScheduler(options);

        RoundSummary? summary = null;
        for (var i = 0; i < 3; i++)
        {
            summary = await scheduler.RunRoundAsync(CancellationToken.None);
        }

        Assert.NotNull(summary);
        Assert.True(summary.ChainDark);
        var state = _store.Snapshot();
        Assert.True(state.Chain.IsDark);
        Assert.All(state.Models.Values, m => Assert.Equal(ModelHealth.Down, m.Health));
    }

    [Theory]
    [InlineData("*/30 * * * * *", "2026-02-12T21:00:10Z", "2026-02-12T21:00:30Z")]
    [InlineData("*/5 * * * *", "2026-02-12T21:00:10Z", "2026-02-12T21:05:00Z")]
    [InlineData("0 * * * * *", "2026-02-12T21:00:00Z", "2026-02-12T21:01:00Z")]
    public void ProbeSchedule_Next_IsStrictlyAfterNow(string expression, string now, string expected)
    {
        var schedule = new ProbeSchedule(expression);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            schedule.Next(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
