using Guard.Chain;
using Guard.Alerts;
using Guard.Configuration;
using Guard.Events;
using Guard.Probing;
using Guard.Recovery;
using Guard.State;
using Guard.Systemd;
using Guard.Tests.State;
using Guard.Tests.TestSupport;
using Guard.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Guard.Tests.Recovery;

/// <summary>
/// A RecoveryActor with everything real except systemd (NSubstitute), the prober (scripted) and time (fake).
/// The unit starts out active/running; restarts finish "done" and make it active again at that moment.
/// <see cref="NextLife"/> is the same data directory opened by a new Guard (the state file as the last one left it).
/// </summary>
internal sealed class RecoveryHarness : IDisposable
{
    public const string Unit = "openclaw-gateway.service";
    public const string Model = "zhipu/glm-4.7";

    private readonly TempDirectory _directory;
    private readonly bool _ownsDirectory;

    /// <param name="configure">Changes to the harness's options.</param>
    /// <param name="journal">Instead of the service's state-file journal.</param>
    /// <param name="alerts">Instead of a substitute publisher.</param>
    /// <param name="wrapJournal">Wraps the journal the actor writes through (a test that "kills" Guard at a write).</param>
    public RecoveryHarness(Action<GuardOptions>? configure = null, IRestartJournal? journal = null, IAlertPublisher? alerts = null,
        Func<IRestartJournal, IRestartJournal>? wrapJournal = null)
        : this(new TempDirectory(), ownsDirectory: true, configure, journal, alerts, null, wrapJournal)
    {
    }

    private RecoveryHarness(TempDirectory directory, bool ownsDirectory, Action<GuardOptions>? configure, IRestartJournal? journal,
        IAlertPublisher? alerts, DateTimeOffset? start, Func<IRestartJournal, IRestartJournal>? wrapJournal = null)
    {
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
        Alerts = alerts ?? Substitute.For<IAlertPublisher>();
        Options = new GuardOptions
        {
            DataDirectory = _directory.Path,
            Models = [new ModelOptions { Id = Model, Tiers = [ProbeTier.Reach] }],
            OpenClaw = new OpenClawOptions { Unit = Unit, HealthUrl = "" },
            Recovery = new RecoveryOptions { AllFailedRounds = 3, MaxRestarts = 3, MinSpacing = TimeSpan.FromMinutes(2) },
        };
        configure?.Invoke(Options);
        Live = TestScheduler.Live(Options);
        Store = StateStore.Open(Path.Combine(_directory.Path, StateFile.FileName), Time, NullLogger<StateStore>.Instance);
        Prober = new ScriptedProber(Time) { Handler = (m, t, _) => Task.FromResult(TestChain.Fail(m.Id, FailureKind.Timeout, t)) };
        Hub = TestScheduler.Hub();
        Scheduler = TestScheduler.Create(Live, Prober, Store, Time, Hub);
        UnitStatus = Running();
        Systemd.GetUnitStateAsync(Unit, Arg.Any<CancellationToken>()).Returns(_ => SystemdResult<UnitStatus>.Success(UnitStatus));
        Systemd.RestartUnitAsync(Unit, "replace", Arg.Any<CancellationToken>()).Returns(_ =>
        {
            RestartCalls++;
            UnitStatus = Running() with { ActiveEnterTimestamp = Time.GetUtcNow(), InactiveEnterTimestamp = Time.GetUtcNow() };
            return SystemdResult<string>.Success("/org/freedesktop/systemd1/job/" + RestartCalls);
        });
        Systemd.WaitForJobAsync(Arg.Any<string>(), Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>())
            .Returns(c => SystemdResult<SystemdJobCompletion>.Success(new SystemdJobCompletion(1, c.ArgAt<string>(0), Unit, SystemdJobResult.Done, "done")));
        Systemd.ResetFailedUnitAsync(Unit, Arg.Any<CancellationToken>()).Returns(SystemdResult.Success());
        var health = new GatewayHealthProbe(HttpClientFactory, Time);
        var restarter = new GatewayRestarter(Systemd, health, Time, NullLogger<GatewayRestarter>.Instance);
        Persister = new StatePersister(Store, Time, NullLogger<StatePersister>.Instance);
        Journal = journal ?? new StateFileRestartJournal(Persister);
        Actor = new RecoveryActor(Live, new ModelChain(), Scheduler, Hub, Hub, Store, restarter, Systemd, Alerts,
            wrapJournal?.Invoke(Journal) ?? Journal, Time, Logger);
        Health = new GatewayHealthCheck(Live, new ModelChain(), Systemd, health, Actor, Store, Alerts, Time, HealthLogger);
    }

    public FakeTimeProvider Time { get; }

    public EventHub Hub { get; }

    public GuardOptions Options { get; }

    public LiveOptions Live { get; }

    public StateStore Store { get; }

    public ScriptedProber Prober { get; }

    public ProbeScheduler Scheduler { get; }

    public ISystemdManager Systemd { get; } = Substitute.For<ISystemdManager>();

    public IAlertPublisher Alerts { get; }

    public IHttpClientFactory HttpClientFactory { get; } = Substitute.For<IHttpClientFactory>();

    public RecordingLogger<RecoveryActor> Logger { get; } = new();

    public RecordingLogger<GatewayHealthCheck> HealthLogger { get; } = new();

    public RecoveryActor Actor { get; }

    /// <summary>Never started as a hosted service: the journal's flushes are the only writes of the state file.</summary>
    public StatePersister Persister { get; }

    public IRestartJournal Journal { get; }

    public GatewayHealthCheck Health { get; }

    /// <summary>What GetUnitStateAsync answers next.</summary>
    public UnitStatus UnitStatus { get; set; }

    public int RestartCalls { get; private set; }

    public string DataDirectory => _directory.Path;

    public static UnitStatus Running() =>
        new(Unit, "loaded", "active", "running", "success", 1, 0, 0, null, null);

    public static UnitStatus Failed(string result, int exitStatus) =>
        new(Unit, "loaded", "failed", "failed", result, 1, exitStatus, 0, null, null);

    /// <summary>A round in which every model failed with <paramref name="kind"/>, the n-th dark one in a row.</summary>
    public RoundSummary DarkRound(int consecutive, FailureKind kind = FailureKind.Timeout, DateTimeOffset? retryAt = null)
    {
        var now = Time.GetUtcNow();
        Store.Update(s =>
        {
            s.Chain.DarkSince ??= now;
            s.Chain.ConsecutiveDarkRounds = consecutive;
        });
        return new RoundSummary(now, [new ModelVerdict(Model, false, kind, null, $"{kind} from test", retryAt, false, null)], true, consecutive, true);
    }

    public RoundSummary HealthyRound()
    {
        Store.Update(s =>
        {
            s.Chain.DarkSince = null;
            s.Chain.ConsecutiveDarkRounds = 0;
        });
        return new RoundSummary(Time.GetUtcNow(), [new ModelVerdict(Model, true, null, 200, null, null, false, 100)], false, 0, false);
    }

    public List<RestartRecord> Records => Store.Snapshot().Restarts;

    /// <summary>The restarts as the state file on disk holds them now.</summary>
    public List<RestartRecord> RecordsOnDisk => StateFile.TryRead(Store.FilePath).State?.Restarts ?? [];

    /// <summary>
    /// A new Guard on the same data directory, <paramref name="later"/> after this one's clock: it loads the state file
    /// as this one left it on disk (nothing this one kept only in memory). This harness keeps owning the directory.
    /// </summary>
    public RecoveryHarness NextLife(TimeSpan later, Action<GuardOptions>? configure = null, IAlertPublisher? alerts = null) =>
        new(_directory, ownsDirectory: false, o =>
        {
            o.Recovery = Options.Recovery;
            configure?.Invoke(o);
        }, null, alerts, Time.GetUtcNow() + later);

    public void Dispose()
    {
        Actor.Dispose();
        Persister.Dispose();
        Scheduler.Dispose();
        Live.Dispose();
        if (_ownsDirectory)
        {
            _directory.Dispose();
        }
    }
}
