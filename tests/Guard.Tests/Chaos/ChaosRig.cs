using Guard.Chain;
using Guard.Alerts;
using Guard.Configuration;
using Guard.Events;
using Guard.Probing;
using Guard.Recovery;
using Guard.State;
using Guard.Tests.TestSupport;
using Guard.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Guard.Tests.Chaos;

/// <summary>
/// The real probe scheduler, failure tracker and recovery actor on fake time, with a scripted prober, a counting
/// systemd and a recording alert publisher: drives thousands of rounds in milliseconds.
/// </summary>
internal sealed class ChaosRig : IDisposable
{
    private readonly ProbeScheduler _scheduler;
    private readonly EventSubscription<HealthTransition> _transitions;

    public ChaosRig(int models, RecoveryOptions? recovery = null)
    {
        ModelIds = [.. Enumerable.Range(1, models).Select(i => $"p{i}/model-{i}")];
        Options = new GuardOptions
        {
            Probe = new ProbeOptions { FallbackDelay = TimeSpan.Zero },
            Recovery = recovery ?? new RecoveryOptions(),
            OpenClaw = new OpenClawOptions { HealthUrl = null },
            Models = [.. ModelIds.Select(id => new ModelOptions { Id = id, Tiers = [ProbeTier.Reach] })],
        };
        Prober = new ScriptedProber(Time);
        Systemd = new CountingSystemdManager(Time);
        var live = TestScheduler.Live(Options);
        var hub = TestScheduler.Hub();
        _transitions = hub.Subscribe<HealthTransition>(nameof(ChaosRig), capacity: 100_000);
        _scheduler = TestScheduler.Create(live, Prober, Store, Time, hub);
        var restarter = new GatewayRestarter(Systemd, new GatewayHealthProbe(Substitute.For<IHttpClientFactory>(), Time), Time,
            NullLogger<GatewayRestarter>.Instance);
        Alerts = Substitute.For<IAlertPublisher>();
        Actor = new RecoveryActor(live, new ModelChain(), _scheduler, hub, hub, Store, restarter, Systemd, Alerts, new RecordingRestartJournal(), Time, NullLogger<RecoveryActor>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));

    public StateStore Store { get; } = new(new GuardState(), Path.Combine(Path.GetTempPath(), "unused-chaos-state.json"));

    public GuardOptions Options { get; }

    public IReadOnlyList<string> ModelIds { get; }

    public ScriptedProber Prober { get; }

    public CountingSystemdManager Systemd { get; }

    public IAlertPublisher Alerts { get; }

    public RecoveryActor Actor { get; }

    public List<HealthTransition> Transitions { get; } = [];

    /// <summary>One scheduled round 30 s after the previous one, then the recovery decision on it.</summary>
    public async Task<RecoveryDecision> RoundAsync()
    {
        Time.Advance(TimeSpan.FromSeconds(30));
        var summary = await _scheduler.RunRoundAsync(CancellationToken.None);
        Assert.NotNull(summary);
        var decision = await Actor.EvaluateAsync(summary, CancellationToken.None);
        while (_transitions.Reader.TryRead(out var transition))
        {
            Transitions.Add(transition);
        }

        return decision;
    }

    public int Count(TransitionKind kind) => Transitions.Count(t => t.Kind == kind);

    public void Dispose()
    {
        Actor.Dispose();
        _transitions.Dispose();
        _scheduler.Dispose();
    }
}
