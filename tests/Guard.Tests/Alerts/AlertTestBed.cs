using Guard.Events;
using Guard.Alerts;
using Guard.Alerts.AlertFile;
using Guard.Alerts.Outbox;
using Guard.Alerts.Rendering;
using Guard.Alerts.Sources;
using Guard.Configuration;
using Guard.Logging;
using Guard.Probing;
using Guard.State;
using Guard.Tests.State;
using Guard.Tests.TestSupport;
using Guard.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.Alerts;

/// <summary>
/// The real alert engine (outbox file, manager, dispatcher, transition source) plus the real tracker, on a
/// FakeTimeProvider in a temp directory, with in-memory channels. <see cref="Restart"/> rebuilds everything from disk.
/// </summary>
internal sealed class AlertTestBed : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();

    public AlertTestBed(params string[] channels)
    {
        Options = new GuardOptions { DataDirectory = _dir.Path };
        Options.Alerts.Channels = channels.Select(c => new AlertChannelOptions { Name = c, Type = AlertChannelType.Webhook, Url = "http://127.0.0.1:9/" }).ToList();
        Channels = channels.Select(c => new FakeAlertChannel(c, Time)).ToDictionary(c => c.Name);
        Store = new StateStore(new GuardState(), _dir.File(StateFile.FileName));
        Tracker = new FailureTracker(Store, Hub, Time, NullLogger<FailureTracker>.Instance);
        Build();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public GuardOptions Options { get; }

    public Dictionary<string, FakeAlertChannel> Channels { get; }

    public SecretRedactor Redactor { get; set; } = SecretRedactor.Default;

    public StateStore Store { get; }

    public EventHub Hub { get; } = TestScheduler.Hub();

    public FailureTracker Tracker { get; }

    public AlertOutbox Outbox { get; private set; } = null!;

    public AlertManager Manager { get; private set; } = null!;

    public AlertDispatcher Dispatcher { get; private set; } = null!;

    public TransitionAlertSource Source { get; private set; } = null!;

    public RecordingLogger<AlertOutbox> OutboxLog { get; private set; } = null!;

    public string OutboxPath => AlertOutbox.PathIn(_dir.Path);

    public string AlertFilePath => AlertFileWriter.PathIn(_dir.Path);

    public string Directory => _dir.Path;

    public IReadOnlyList<ModelDefinition> Chain { get; set; } = TestChain.Of("google/gemini-3-flash", "anthropic/claude-opus-4-5", "zhipu/glm-4.7");

    /// <summary>All messages delivered on <paramref name="channel"/>, in order.</summary>
    public IReadOnlyList<AlertMessage> Sent(string channel = "owner") => Channels[channel].Delivered;

    /// <summary>Throws away the in-memory engine and opens it again from the files (a restarted Guard).</summary>
    public void Restart() => Build();

    public void Build()
    {
        var live = new LiveOptions(Options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        OutboxLog = new RecordingLogger<AlertOutbox>();
        Outbox = AlertOutbox.Open(OutboxPath, Time, OutboxLog);
        Manager = new AlertManager(Outbox, new AlertRenderer(Redactor), new AlertFileWriter(AlertFilePath, NullLogger<AlertFileWriter>.Instance),
            live, Time, NullLogger<AlertManager>.Instance);
        var factory = new FakeFactory(Channels.Values.ToList());
        Dispatcher = new AlertDispatcher(Outbox, Manager, factory, live, Redactor, Time, NullLogger<AlertDispatcher>.Instance) { Jitter = () => 1.0 };
        Source = new TransitionAlertSource(Hub, Manager, Store, NullLogger<TransitionAlertSource>.Instance);
    }

    /// <summary>One probe round 30 s after the last: each model ok or failing with the kind <paramref name="outcome"/> gives; alerts processed and drained.</summary>
    public async Task<RoundSummary> RoundAsync(Func<string, FailureKind?> outcome, int? status = null)
    {
        Time.Advance(TimeSpan.FromSeconds(30));
        var outcomes = Chain.Select(m => outcome(m.Id) is { } kind
            ? TestChain.Outcome(m.Id, TestChain.Fail(m.Id, kind, status: status))
            : TestChain.Outcome(m.Id, TestChain.Ok(m.Id))).ToList();
        var summary = Tracker.RecordRound(Chain, outcomes, Options.Probe);
        Source.OnRoundCompleted(summary);
        await Dispatcher.DrainOnceAsync(CancellationToken.None);
        return summary;
    }

    public Task<RoundSummary> AllOkAsync() => RoundAsync(_ => null);

    public Task<RoundSummary> AllFailAsync(FailureKind kind = FailureKind.Timeout) => RoundAsync(_ => kind);

    public AlertFileDocument ReadAlertFile() =>
        System.Text.Json.JsonSerializer.Deserialize(File.ReadAllBytes(AlertFilePath), AlertsJsonContext.Default.AlertFileDocument)!;

    public void Dispose() => _dir.Dispose();

    private sealed class FakeFactory(IReadOnlyList<IAlertChannel> channels) : IAlertChannelFactory
    {
        public IReadOnlyList<IAlertChannel> Create(AlertsOptions options) => channels;
    }
}
