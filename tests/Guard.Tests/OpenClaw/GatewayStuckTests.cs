using Guard.Alerts;
using Guard.OpenClaw.GatewayLog;
using Guard.Probing;
using Guard.Recovery;
using Guard.State;
using NSubstitute;

namespace Guard.Tests.OpenClaw;

public sealed class GatewayStuckTests : IDisposable
{
    private readonly GatewayFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task FailAllAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            _f.Append(GatewayLogLines.AllModelsFailed(_f.Time.GetUtcNow()));
            _f.Time.Advance(TimeSpan.FromMinutes(1));
            await _f.Watcher.PollOnceAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task All_models_failed_K_times_while_a_probe_is_healthy_asks_for_one_GatewayStuck_restart()
    {
        File.WriteAllText(_f.TodayLog, GatewayLogLines.AllModelsFailed(GatewayFixture.Start.AddHours(-1)) + "\n"); // history is not replayed
        await _f.Watcher.PollOnceAsync(CancellationToken.None);
        _f.SetHealth("zhipu/glm-4.7", ModelHealth.Healthy, GatewayFixture.Start);

        await FailAllAsync(2);
        Assert.Empty(_f.Restarter.Calls);
        await FailAllAsync(1);

        var call = Assert.Single(_f.Restarter.Calls);
        Assert.Equal(GatewayStuckDetector.Trigger, call.Trigger);
        Assert.Contains("zhipu/glm-4.7 healthy", call.Reason, StringComparison.Ordinal);
        Assert.Equal(GatewayFixture.Start, call.OutageStart);
        Assert.Contains(FailureKind.Timeout, call.Kinds);
        _f.Alerts.DidNotReceive().Raise(Arg.Any<AlertEvent>()); // the recovery actor's restart alert says it

        await FailAllAsync(3); // lines within the window after a request ask nothing more
        Assert.Single(_f.Restarter.Calls);

        _f.Time.Advance(TimeSpan.FromMinutes(10)); // past the window: still failing is a new episode
        _f.SetHealth("zhipu/glm-4.7", ModelHealth.Healthy, _f.Time.GetUtcNow());
        await FailAllAsync(3);
        Assert.Equal(2, _f.Restarter.Calls.Count);
    }

    [Fact]
    public async Task No_restart_when_guards_probes_see_no_healthy_model()
    {
        _f.SetHealth("zhipu/glm-4.7", ModelHealth.Down, GatewayFixture.Start.AddHours(-2));
        _f.SetHealth("google/gemini-3-flash-preview", ModelHealth.Healthy, GatewayFixture.Start.AddHours(-2)); // too long ago

        await _f.Watcher.PollOnceAsync(CancellationToken.None);
        await FailAllAsync(5);

        Assert.Empty(_f.Restarter.Calls);
    }

    [Fact]
    public async Task Failures_spread_wider_than_the_window_do_not_count_together()
    {
        _f.SetHealth("zhipu/glm-4.7", ModelHealth.Healthy, GatewayFixture.Start.AddMinutes(30));
        await _f.Watcher.PollOnceAsync(CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            _f.Append(GatewayLogLines.AllModelsFailed(_f.Time.GetUtcNow()));
            await _f.Watcher.PollOnceAsync(CancellationToken.None);
            _f.Time.Advance(TimeSpan.FromMinutes(6));
        }

        Assert.Empty(_f.Restarter.Calls);
    }

    [Fact]
    public async Task A_refused_restart_is_alerted_once_and_resolved_when_the_gateway_serves_again()
    {
        using var f = new GatewayFixture(RecoveryDecision.Waiting);
        f.SetHealth("zhipu/glm-4.7", ModelHealth.Healthy, GatewayFixture.Start);
        await f.Watcher.PollOnceAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            f.Append(GatewayLogLines.AllModelsFailed(f.Time.GetUtcNow()));
            f.Time.Advance(TimeSpan.FromMinutes(1)); // three failed turns, not three lines of one
        }

        await f.Watcher.PollOnceAsync(CancellationToken.None);
        f.Alerts.Received(1).Raise(Arg.Is<AlertEvent>(a => a.Kind == AlertEventKind.GatewayUnhealthy && a.Fingerprint == "GatewayStuck|openclaw-gateway.service"));

        f.Append(GatewayLogLines.AllModelsFailed(f.Time.GetUtcNow()));
        f.Append(GatewayLogLines.FallbackSucceeded(f.Time.GetUtcNow(), "zhipu", "glm-4.7"));
        await f.Watcher.PollOnceAsync(CancellationToken.None);
        f.Alerts.Received(1).Resolve("GatewayStuck|openclaw-gateway.service", Arg.Any<DateTimeOffset>(), Arg.Any<string?>());
    }
}
