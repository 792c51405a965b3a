using Guard.Chain;
using System.Globalization;
using Guard.Configuration;
using Guard.Events;
using Guard.Probing;
using Guard.Recovery;
using Guard.State;
using Guard.Systemd;
using Guard.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Benchmarks;

/// <summary>
/// Figure 1, logic only: the real scheduler, tracker and recovery actor on fake time with default settings (except
/// FallbackDelay 0); the gateway breaks 10 s after a healthy round and a restart fixes it. Gives the timing Guard's
/// decisions impose; the real-systemd drill (restart job time, HTTP) is still to be built.
/// </summary>
internal static class OutageDrillBenchmark
{
    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
        var gateway = new DrillGateway(time);
        var options = new GuardOptions
        {
            Probe = new ProbeOptions { FallbackDelay = TimeSpan.Zero },
            OpenClaw = new OpenClawOptions { HealthUrl = null },
            Models = [new ModelOptions { Id = "google/gemini-3-flash" }, new ModelOptions { Id = "zhipu/glm-4.7" }],
        };
        var store = new StateStore(new GuardState(), Path.Combine(Path.GetTempPath(), "bench-drill-state.json"));
        var live = new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        var hub = new EventHub(NullLogger<EventHub>.Instance);
        using var subscription = hub.Subscribe<HealthTransition>("benchmark");
        var transitions = subscription.Reader;
        var tracker = new FailureTracker(store, hub, time, NullLogger<FailureTracker>.Instance);
        using var scheduler = new ProbeScheduler(live, new ModelChain(), new ProbeRoundRunner(gateway, time, NullLogger<ProbeRoundRunner>.Instance), tracker, store,
            new ProbeLoopHeartbeat(), hub, time, NullLogger<ProbeScheduler>.Instance);
        await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var restarter = new GatewayRestarter(gateway, new GatewayHealthProbe(services.GetRequiredService<IHttpClientFactory>(), time), time,
            NullLogger<GatewayRestarter>.Instance);
        using var actor = new RecoveryActor(live, new ModelChain(), scheduler, hub, hub, store, restarter, gateway, Guard.Alerts.NullAlertPublisher.Instance,
            new Guard.Tests.TestSupport.RecordingRestartJournal(), time, NullLogger<RecoveryActor>.Instance);
        var schedule = new ProbeSchedule(options.Probe.Schedule);

        async Task TickAsync()
        {
            time.Advance(schedule.Next(time.GetUtcNow()) - time.GetUtcNow());
            var summary = await scheduler.RunRoundAsync(CancellationToken.None);
            await actor.EvaluateAsync(summary!, CancellationToken.None);
        }

        await TickAsync();
        time.Advance(TimeSpan.FromSeconds(10));
        var onset = time.GetUtcNow();
        gateway.Broken = true;
        DateTimeOffset? dark = null, recovered = null;
        for (var i = 0; i < 40 && recovered is null; i++)
        {
            await TickAsync();
            while (transitions.TryRead(out var t))
            {
                dark ??= t.Kind == TransitionKind.ChainDark ? t.At : null;
                recovered ??= t.Kind == TransitionKind.ChainRecovered ? t.At : null;
            }
        }

        string Seconds(DateTimeOffset? at) => at is null ? "never" : ((at.Value - onset).TotalSeconds).ToString("F0", CultureInfo.InvariantCulture) + " s";
        return
        [
            new("Outage drill (fake time, decisions only): fault onset → ChainDark", "≤ 90 s", Seconds(dark),
                "default schedule 30 s, DownAfter 3, AllFailedRounds 3; fault 10 s after a healthy round; scheduled ticks only (confirmation rounds: see drill-systemd)"),
            new("Outage drill (fake time, decisions only): → restarted and first healthy round", "≤ 120 s", Seconds(recovered),
                $"{gateway.Restarts} restart(s); the verification round right after the restart is the first healthy one; real restart job time not included"),
        ];
    }

    /// <summary>A gateway whose models all fail while it is broken; a restart mends it.</summary>
    private sealed class DrillGateway(TimeProvider time) : IModelProber, ISystemdManager
    {
        public bool Broken { get; set; }

        public int Restarts { get; private set; }

        public Task<ProbeResult> ProbeAsync(ModelDefinition model, ProbeTier tier, CancellationToken cancellationToken) =>
            Task.FromResult(new ProbeResult
            {
                ModelId = model.Id, Provider = model.Provider, Api = model.Api, Tier = tier, Ok = !Broken, HttpStatus = Broken ? 503 : 200,
                Kind = Broken ? FailureKind.ServerError : null, Message = Broken ? "503 from the drill" : null, StartedAt = time.GetUtcNow(),
            });

        public Task<SystemdResult<UnitStatus>> GetUnitStateAsync(string unit, CancellationToken cancellationToken = default) =>
            Task.FromResult(SystemdResult<UnitStatus>.Success(new UnitStatus(unit, "loaded", "active", "running", "success", 1, 0, 0, null, null)));

        public Task<SystemdResult<string>> RestartUnitAsync(string unit, string mode = "replace", CancellationToken cancellationToken = default)
        {
            Restarts++;
            Broken = false;
            return Task.FromResult(SystemdResult<string>.Success("/org/freedesktop/systemd1/job/1"));
        }

        public Task<SystemdResult> ResetFailedUnitAsync(string unit, CancellationToken cancellationToken = default) => Task.FromResult(SystemdResult.Success());

        public Task<SystemdResult<SystemdJobCompletion>> WaitForJobAsync(string jobPath, TimeSpan timeout, CancellationToken cancellationToken = default) =>
            Task.FromResult(SystemdResult<SystemdJobCompletion>.Success(new SystemdJobCompletion(1, jobPath, "openclaw-gateway.service", SystemdJobResult.Done, "done")));
    }
}
