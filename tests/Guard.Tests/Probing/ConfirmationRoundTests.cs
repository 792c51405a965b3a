using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Guard.Tests.TestSupport;
using Guard.Tracking;
using Microsoft.Extensions.Configuration;

namespace Guard.Tests.Probing;

/// <summary>The probe loop's out-of-schedule confirmation rounds, on fake time with the real loop, runner and tracker.</summary>
public sealed class ConfirmationRoundTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);
    private readonly SignallingTimeProvider _time = new(Start);
    private readonly ScriptedProber _prober;
    private readonly StateStore _store = new(new GuardState(), Path.Combine(Path.GetTempPath(), "unused-state.json"));

    public ConfirmationRoundTests() => _prober = new ScriptedProber(_time);

    private ProbeScheduler CreateScheduler(TimeSpan fallbackDelay, params string[] models)
    {
        var options = new GuardOptions
        {
            Probe = new ProbeOptions { FallbackDelay = fallbackDelay }, // default schedule (30 s) and DownAfter (3)
            Models = [.. models.Select(id => new ModelOptions { Id = id, Tiers = [ProbeTier.Reach] })],
        };
        return TestScheduler.Create(options, _prober, _store, _time);
    }

    private void AllFail() => _prober.Handler = (m, t, _) => Task.FromResult(TestChain.Fail(m.Id, FailureKind.ServerError, t, 500));

    private List<double> CallSeconds() => [.. _prober.Calls.Select(c => (c.At - Start).TotalSeconds)];

    [Fact]
    public async Task Gateway_report_runs_an_unpaced_round_at_once_and_agreeing_probes_make_the_chain_dark_in_that_round()
    {
        AllFail();
        using var scheduler = CreateScheduler(TimeSpan.FromSeconds(5), "google/gemini-3-flash", "zhipu/glm-4.7");
        await scheduler.StartAsync(CancellationToken.None);
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(12));

        scheduler.GatewayReportedChainFailure();

        // Both models, no time advanced: neither the 30 s schedule nor the 5 s fallback delay was waited for.
        await _prober.WaitForCallsAsync(2);
        Assert.Equal([12.0, 12.0], CallSeconds());
        await Eventually(() => _store.Snapshot().Chain.IsDark, "ChainDark after the one corroborated round");
        Assert.Equal(1, _store.Snapshot().Chain.ConsecutiveDarkRounds);
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_burst_of_reports_causes_at_most_one_round_per_spacing()
    {
        _prober.Handler = (m, t, _) => Task.FromResult(TestChain.Ok(m.Id, t));
        using var scheduler = CreateScheduler(TimeSpan.Zero, "zhipu/glm-4.7");
        await scheduler.StartAsync(CancellationToken.None);
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(5));

        scheduler.GatewayReportedChainFailure();
        await _prober.WaitForCallsAsync(1);
        await AsleepUntil(30);
        for (var i = 0; i < 9; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            for (var j = 0; j < 20; j++)
            {
                scheduler.GatewayReportedChainFailure(); // a gateway logging a failure per user message
            }
        }

        // 180 reports from 6 s to 14 s: the next round waits for the spacing (10 s after the first), then runs once.
        await AsleepUntil(15);
        Assert.Equal([5.0], CallSeconds());
        _time.Advance(TimeSpan.FromSeconds(1));
        await _prober.WaitForCallsAsync(1);
        await AsleepUntil(30);
        Assert.Equal([5.0, 15.0], CallSeconds());

        // Healthy confirmations: the chain is fine, nothing follows until the schedule's next tick at 30 s.
        Assert.False(_store.Snapshot().Chain.IsDark);
        _time.Advance(TimeSpan.FromSeconds(14));
        await Settle();
        Assert.Equal(2, _prober.Calls.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _prober.WaitForCallsAsync(1);
        Assert.Equal([5.0, 15.0, 30.0], CallSeconds());
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task An_all_failed_round_is_followed_up_every_spacing_until_the_chain_is_dark_then_the_schedule_resumes()
    {
        AllFail();
        using var scheduler = CreateScheduler(TimeSpan.Zero, "zhipu/glm-4.7");
        await scheduler.StartAsync(CancellationToken.None);
        foreach (var due in new[] { 30, 40, 50 })
        {
            await AsleepUntil(due);
            _time.Advance(Start.AddSeconds(due) - _time.GetUtcNow());
            await _prober.WaitForCallsAsync(1);
        }

        await Eventually(() => _store.Snapshot().Chain.IsDark, "ChainDark after three rounds");
        Assert.Equal([30.0, 40.0, 50.0], CallSeconds()); // without follow-ups: 30, 60, 90

        // Dark and at the restart threshold: back to the 30 s schedule (60), no more extra rounds.
        await AsleepUntil(60);
        _time.Advance(TimeSpan.FromSeconds(9));
        await Settle();
        Assert.Equal(3, _prober.Calls.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _prober.WaitForCallsAsync(1);
        Assert.Equal([30.0, 40.0, 50.0, 60.0], CallSeconds());
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Policy_a_round_answers_earlier_requests_and_corroborates_only_within_the_window()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start);
        var rounds = new ConfirmationRounds(time);
        Assert.Null(rounds.DueAt());
        Assert.False(rounds.RoundStarting(Start, confirmation: false)); // no report: nothing to agree with

        Assert.True(rounds.GatewayReportedChainFailure());
        Assert.False(rounds.GatewayReportedChainFailure()); // already pending
        Assert.Equal(Start, rounds.DueAt());

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(rounds.RoundStarting(time.GetUtcNow(), confirmation: false)); // a scheduled round answers it too
        Assert.Null(rounds.DueAt());

        time.Advance(ConfirmationRounds.CorroborationWindow);
        Assert.False(rounds.RoundStarting(time.GetUtcNow(), confirmation: false));

        // A healthy round after a report ends the agreement: a later outage waits its DownAfter rounds again.
        Assert.True(rounds.GatewayReportedChainFailure());
        Assert.True(rounds.RoundStarting(time.GetUtcNow(), confirmation: true));
        rounds.RoundFinished(new RoundSummary(time.GetUtcNow(), [new ModelVerdict("m", true, null, 200, null, null, false, 1)], false, 0, false), 3);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(rounds.RoundStarting(time.GetUtcNow(), confirmation: false));
    }

    /// <summary>Until the loop sleeps until <paramref name="second"/> s after the start: what the test advances to next.</summary>
    private Task AsleepUntil(int second) => _time.WaitForTimerDueAsync(Start.AddSeconds(second));

    /// <summary>
    /// Real time for the loop to act wrongly before a negative check. Never needed for progress (that waits for the
    /// loop's timer), so a slow machine can only make a negative check weaker, never make a test fail.
    /// </summary>
    private static Task Settle() => Task.Delay(150);

    private static async Task Eventually(Func<bool> condition, string what)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10); // real time, only while the loop finishes its in-flight round
        }

        Assert.True(condition(), what);
    }
}
