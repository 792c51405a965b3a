using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Guard.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.Tests.Probing;

public sealed class MemoryTrimTests
{
    private readonly SignallingTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Collects_after_the_second_round_then_only_when_the_heap_has_grown_by_the_slack()
    {
        var options = new GuardOptions { Models = [new ModelOptions { Id = "zhipu/glm-4.7", Tiers = [ProbeTier.Reach] }] };
        var store = new StateStore(new GuardState(), Path.Combine(Path.GetTempPath(), "unused-state.json"));
        var hub = TestScheduler.Hub();
        using var scheduler = TestScheduler.Create(options, new ScriptedProber(_time), store, _time, hub);
        long committed = 10_000_000;
        var collections = 0;
        using var trim = new MemoryTrim(hub, NullLogger<MemoryTrim>.Instance, () => committed, () =>
        {
            collections++;
            committed -= 500_000; // what the collection hands back
        });

        // Each round handled as the hosted listener handles it from the bus, in step with the rounds.
        async Task RoundAsync() => await trim.HandleAsync(new RoundCompleted((await scheduler.RunRoundAsync(CancellationToken.None))!), CancellationToken.None);

        await RoundAsync();
        Assert.Equal(0, collections);
        await RoundAsync();
        Assert.Equal(1, collections); // start-up garbage; the baseline is now 9.5 MB

        committed += MemoryTrim.SlackBytes; // grown by exactly the slack: not yet
        await RoundAsync();
        Assert.Equal(1, collections);

        committed += 1;
        await RoundAsync();
        Assert.Equal(2, collections);

        await RoundAsync(); // measured again after that trim: no growth since
        await trim.StopAsync(CancellationToken.None);
        committed += 10 * MemoryTrim.SlackBytes;
        await scheduler.RunRoundAsync(CancellationToken.None); // stopped: no longer listening
        Assert.Equal(2, collections);
    }
}
