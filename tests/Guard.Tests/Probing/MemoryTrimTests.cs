using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Guard.Tests.TestSupport;

namespace Guard.Tests.Probing;

public sealed class MemoryTrimTests
{
    private readonly SignallingTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Collects_after_the_second_round_then_only_when_the_heap_has_grown_by_the_slack()
    {
        var options = new GuardOptions { Models = [new ModelOptions { Id = "zhipu/glm-4.7", Tiers = [ProbeTier.Reach] }] };
        var store = new StateStore(new GuardState(), Path.Combine(Path.GetTempPath(), "unused-state.json"));
        using var scheduler = TestScheduler.Create(options, new ScriptedProber(_time), store, _time);
        long committed = 10_000_000;
        var collections = 0;
        var trim = new MemoryTrim(scheduler, () => committed, () =>
        {
            collections++;
            committed -= 500_000; // what the collection hands back
        });

        await trim.StartAsync(CancellationToken.None);
        await scheduler.RunRoundAsync(CancellationToken.None);
        Assert.Equal(0, collections);
        await scheduler.RunRoundAsync(CancellationToken.None);
        Assert.Equal(1, collections); // start-up garbage; the baseline is now 9.5 MB

        committed += MemoryTrim.SlackBytes; // grown by exactly the slack: not yet
        await scheduler.RunRoundAsync(CancellationToken.None);
        Assert.Equal(1, collections);

        committed += 1;
        await scheduler.RunRoundAsync(CancellationToken.None);
        Assert.Equal(2, collections);

        await scheduler.RunRoundAsync(CancellationToken.None); // measured again after that trim: no growth since
        await trim.StopAsync(CancellationToken.None);
        committed += 10 * MemoryTrim.SlackBytes;
        await scheduler.RunRoundAsync(CancellationToken.None); // stopped: no longer listening
        Assert.Equal(2, collections);
    }
}
