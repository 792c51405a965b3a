using Guard.Chain;
using Guard.Configuration;
using Guard.Events;
using Guard.Probing;
using Guard.State;
using Guard.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.Tests.TestSupport;

/// <summary>The real probe scheduler with its real runner and tracker, on the given prober, store and (fake) time.</summary>
internal static class TestScheduler
{
    public static LiveOptions Live(GuardOptions options) =>
        new(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);

    public static EventHub Hub() => new(NullLogger<EventHub>.Instance);

    public static ProbeScheduler Create(GuardOptions options, IModelProber prober, StateStore store, TimeProvider time) =>
        Create(Live(options), prober, store, time, Hub());

    public static ProbeScheduler Create(GuardOptions options, IModelProber prober, StateStore store, TimeProvider time, EventHub hub) =>
        Create(Live(options), prober, store, time, hub);

    public static ProbeScheduler Create(LiveOptions live, IModelProber prober, StateStore store, TimeProvider time, EventHub hub)
    {
        var runner = new ProbeRoundRunner(prober, time, NullLogger<ProbeRoundRunner>.Instance);
        var tracker = new FailureTracker(store, hub, time, NullLogger<FailureTracker>.Instance);
        return new ProbeScheduler(live, new ModelChain(), runner, tracker, store, new ProbeLoopHeartbeat(), hub, time, NullLogger<ProbeScheduler>.Instance);
    }
}
