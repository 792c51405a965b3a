using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Guard.Tests.TestSupport;
using Guard.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.Tests.Probing;

public sealed class StartupMemoryTrimTests
{
    private readonly SignallingTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Collects_OnceAfterTheSecondRound_NotBeforeAndNotAgain()
    {
        var options = new GuardOptions { Models = [new ModelOptions { Id = "zhipu/glm-4.7", Tiers = [ProbeTier.Reach] }] };
        var store = new StateStore(new GuardState(), Path.Combine(Path.GetTempPath(), "unused-state.json"));
        var live = new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        var runner = new ProbeRoundRunner(new ScriptedProber(_time), _time, NullLogger<ProbeRoundRunner>.Instance);
        var tracker = new FailureTracker(store, new TransitionHub(), _time, NullLogger<FailureTracker>.Instance);
        using var scheduler = new ProbeScheduler(live, runner, tracker, store, new ProbeLoopHeartbeat(), _time, NullLogger<ProbeScheduler>.Instance);
        var collections = 0;
        var trim = new StartupMemoryTrim(scheduler, () => collections++);

        await trim.StartAsync(CancellationToken.None);
        await scheduler.RunRoundAsync(CancellationToken.None);
        Assert.Equal(0, collections);
        await scheduler.RunRoundAsync(CancellationToken.None);
        Assert.Equal(1, collections);
        await scheduler.RunRoundAsync(CancellationToken.None);
        await scheduler.RunRoundAsync(CancellationToken.None);
        await trim.StopAsync(CancellationToken.None);

        Assert.Equal(1, collections);
    }
}
