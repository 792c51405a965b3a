using Guard.Chain;
using Guard.Alerts;
using Guard.Configuration;
using Guard.OpenClaw.GatewayLog;
using Guard.Recovery;
using Guard.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Guard.Tests.OpenClaw;

/// <summary>A watcher over a temporary log directory, with a real state store and a recording restart requester.</summary>
internal sealed class GatewayFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);

    public GatewayFixture(RecoveryDecision answer = RecoveryDecision.Restarted)
    {
        Directory.CreateDirectory(LogDirectory);
        Time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var options = new GuardOptions { Models = [new ModelOptions { Id = "google/gemini-3-flash-preview" }, new ModelOptions { Id = "zhipu/glm-4.7" }] };
        options.OpenClaw.Discover = false;
        options.OpenClaw.LogDirectory = LogDirectory;
        options.OpenClaw.StuckFailures = 3;
        options.OpenClaw.StuckWindow = TimeSpan.FromMinutes(10);
        Options = new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        Store = new StateStore(new GuardState(), Path.Combine(LogDirectory, "state.json"));
        Restarter = new RecordingRestartRequester(answer);
        Stuck = new GatewayStuckDetector(Options, Chain, Store, Restarter, Alerts, Time, NullLogger<GatewayStuckDetector>.Instance);
        Watcher = new GatewayLogWatcher(Options, Chain, new GatewayEvidenceRecorder(Store), Stuck, Time, NullLogger<GatewayLogWatcher>.Instance, Confirmations);
    }

    public string LogDirectory { get; } = Path.Combine(Path.GetTempPath(), "guard-gwlog-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(Start);

    public ModelChain Chain { get; } = new();

    public LiveOptions Options { get; }

    public StateStore Store { get; }

    public RecordingRestartRequester Restarter { get; }

    public IAlertPublisher Alerts { get; } = Substitute.For<IAlertPublisher>();

    public Guard.Probing.IConfirmationRoundTrigger Confirmations { get; } = Substitute.For<Guard.Probing.IConfirmationRoundTrigger>();

    public GatewayStuckDetector Stuck { get; }

    public GatewayLogWatcher Watcher { get; }

    public string TodayLog => Path.Combine(LogDirectory, $"openclaw-{Time.GetUtcNow():yyyy-MM-dd}.log");

    public void Append(string line) => File.AppendAllText(TodayLog, line.Trim() + "\n");

    public void SetHealth(string model, ModelHealth health, DateTimeOffset? lastSuccess, DateTimeOffset? lastDeep = null) =>
        Store.Update(s => s.Models[model] = new ModelState { Health = health, LastSuccess = lastSuccess, LastDeepProbe = lastDeep, ConsecutiveFailures = health == ModelHealth.Healthy ? 0 : 3 });

    public void Dispose()
    {
        Options.Dispose();
        Watcher.Dispose();
        try
        {
            Directory.Delete(LogDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
