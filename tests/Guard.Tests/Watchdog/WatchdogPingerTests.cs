using Guard.Chain;
using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Guard.Watchdog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Guard.Tests.Watchdog;

public sealed class WatchdogPingerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
    private readonly ISystemdNotifier _notifier = Substitute.For<ISystemdNotifier>();
    private readonly ProbeLoopHeartbeat _heartbeat = new();
    private readonly LiveOptions _live;
    private readonly StateStore _store = new(new GuardState(), Path.Combine(Path.GetTempPath(), "unused-watchdog-state.json"));
    private readonly List<string> _sent = [];

    public WatchdogPingerTests()
    {
        // One model, reach only, 1 s timeout, a round every second: the longest round is 2 x 1 s + 2 s = 4 s,
        // so the loop may go 2 x (1 s + 4 s) = 10 s without a beat.
        var options = new GuardOptions
        {
            Probe = new ProbeOptions { Schedule = "*/1 * * * * *", Timeout = TimeSpan.FromSeconds(1), FallbackDelay = TimeSpan.Zero },
            Models = [new ModelOptions { Id = "zhipu/glm-4.7", Tiers = [ProbeTier.Reach] }],
        };
        _live = new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        _notifier.IsEnabled.Returns(true);
        _notifier.When(n => n.Notify(Arg.Any<ServiceState>())).Do(c => _sent.Add(c.Arg<ServiceState>().ToString()));
    }

    public void Dispose() => _live.Dispose();

    private WatchdogPinger Pinger(WatchdogSettings? settings) =>
        new(_notifier, settings, _heartbeat, _live, new ModelChain(), _store, _time, NullLogger<WatchdogPinger>.Instance);

    [Fact]
    public void Allowance_is_twice_the_period_plus_the_longest_round()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), ProbeLoopLiveness.Allowance(_live.Current, ModelCatalog.Resolve(_live.Current, null), _time.GetUtcNow()));

        // Defaults: 4 built-in models, 2 tiers, 15 s timeouts, 8 at once, 5 s fallback delay, every 30 s:
        // round = 2 x (2 x 15 + 2) x (1 + 1) + 2 x 5 x 4 = 168 s; allowance = 2 x (30 + 168) = 396 s.
        Assert.Equal(TimeSpan.FromSeconds(396), ProbeLoopLiveness.Allowance(new GuardOptions(), ModelCatalog.Resolve(new GuardOptions(), null), _time.GetUtcNow()));
    }

    [Fact]
    public void Feeds_the_watchdog_only_while_the_probe_loop_beats()
    {
        var pinger = Pinger(new WatchdogSettings(TimeSpan.FromSeconds(3)));
        _heartbeat.Beat(_time.GetUtcNow());

        Assert.StartsWith("WATCHDOG=1\nSTATUS=1 models, no round yet", pinger.Tick(), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.StartsWith("WATCHDOG=1\n", pinger.Tick(), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(1));
        var stalled = pinger.Tick();
        Assert.StartsWith("STATUS=PROBE LOOP STALLED", stalled, StringComparison.Ordinal);
        Assert.DoesNotContain("WATCHDOG", stalled, StringComparison.Ordinal);

        _heartbeat.Beat(_time.GetUtcNow());
        Assert.StartsWith("WATCHDOG=1\n", pinger.Tick(), StringComparison.Ordinal);
        Assert.Equal(4, _sent.Count);
    }

    [Fact]
    public void A_loop_that_never_beat_counts_from_the_pinger_start()
    {
        var pinger = Pinger(new WatchdogSettings(TimeSpan.FromSeconds(3)));

        Assert.StartsWith("WATCHDOG=1\n", pinger.Tick(), StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.StartsWith("STATUS=", pinger.Tick(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_watchdog_only_status_is_sent()
    {
        _heartbeat.Beat(_time.GetUtcNow());
        _store.Update(s =>
        {
            s.Chain.LastRound = _time.GetUtcNow().AddSeconds(-3);
            s.Chain.UsableModels = ["zhipu/glm-4.7"];
            s.Gateway.LastCheck = _time.GetUtcNow();
            s.Gateway.ActiveState = "active";
            s.Recovery.ManualInterventionNeeded = true;
        });

        Assert.Equal("STATUS=1/1 models usable, last round 3 s ago; gateway active; restarts 0/3 in window; MANUAL INTERVENTION NEEDED", Pinger(null).Tick());
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("0", null, null)]
    [InlineData("junk", null, null)]
    [InlineData("120000000", null, 120.0)]
    [InlineData("120000000", "4242", 120.0)]
    [InlineData("120000000", "1", null)]
    public void Settings_follow_WATCHDOG_USEC_and_WATCHDOG_PID(string? usec, string? pid, double? expectedSeconds)
    {
        var env = new Dictionary<string, string?> { ["WATCHDOG_USEC"] = usec, ["WATCHDOG_PID"] = pid };

        var settings = WatchdogSettings.FromEnvironment(name => env.GetValueOrDefault(name), processId: 4242);

        Assert.Equal(expectedSeconds, settings?.Interval.TotalSeconds);
        if (settings is not null)
        {
            Assert.Equal(settings.Interval / 2, settings.PingEvery);
        }
    }
}
