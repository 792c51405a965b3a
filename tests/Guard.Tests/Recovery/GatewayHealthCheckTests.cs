using System.Net;
using Guard.Alerts;
using Guard.Recovery;
using Guard.Systemd;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace Guard.Tests.Recovery;

public sealed class GatewayHealthCheckTests : IDisposable
{
    private const string Url = "http://127.0.0.1:18789/healthz";
    private readonly RecoveryHarness _h = new(o =>
    {
        o.OpenClaw.HealthUrl = Url;
        o.Recovery.HealthFailuresBeforeRestart = 3;
    });

    private HttpStatusCode _health = HttpStatusCode.OK;

    public GatewayHealthCheckTests() =>
        _h.HttpClientFactory.CreateClient(GatewayHealthProbe.HttpClientName)
            .Returns(_ => new HttpClient(new StubHandler(() => _health)));

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Active_unit_with_a_working_health_URL_is_healthy_and_recorded()
    {
        Assert.Equal(GatewayCheckResult.Healthy, await _h.Health.CheckOnceAsync(CancellationToken.None));

        var gateway = _h.Store.Snapshot().Gateway;
        Assert.Equal((RecoveryHarness.Unit, "active", "running", true, 0), (gateway.Unit, gateway.ActiveState, gateway.SubState, gateway.HealthUrlOk, gateway.ConsecutiveHealthFailures));
        Assert.Equal(_h.Time.GetUtcNow(), gateway.LastCheck);
    }

    [Fact]
    public async Task Active_unit_whose_health_URL_fails_N_times_in_a_row_is_restarted_through_the_budget()
    {
        _health = HttpStatusCode.ServiceUnavailable;

        Assert.Equal(GatewayCheckResult.HealthUrlFailing, await _h.Health.CheckOnceAsync(CancellationToken.None));
        Assert.Equal(GatewayCheckResult.HealthUrlFailing, await _h.Health.CheckOnceAsync(CancellationToken.None));
        Assert.Equal(2, _h.Store.Snapshot().Gateway.ConsecutiveHealthFailures);
        Assert.Equal(0, _h.RestartCalls);

        // The restarter waits for the URL to answer after the restart: it does, the gateway was only hung.
        _h.Systemd.RestartUnitAsync(RecoveryHarness.Unit, "replace", Arg.Any<CancellationToken>())
            .Returns(_ =>
            {
                _health = HttpStatusCode.OK;
                return SystemdResult<string>.Success("/org/freedesktop/systemd1/job/7");
            });
        Assert.Equal(GatewayCheckResult.Hung, await _h.Health.CheckOnceAsync(CancellationToken.None));

        var record = Assert.Single(_h.Records);
        Assert.Equal(("GatewayHung", "restarted", "done"), (record.Trigger, record.Outcome, record.JobResult));
        Assert.Contains("failed 3 checks in a row (HTTP 503)", record.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _h.Store.Snapshot().Gateway.ConsecutiveHealthFailures);
    }

    [Fact]
    public async Task A_unit_that_just_started_is_not_hung_while_its_health_URL_refuses_within_the_verify_timeout()
    {
        // Seen on a real 2026.9.6 gateway: after Guard's verified restart it booted for 20 s; three refused checks made
        // Guard restart it again as "hung".
        _health = HttpStatusCode.ServiceUnavailable;
        _h.UnitStatus = RecoveryHarness.Running() with { ActiveEnterTimestamp = _h.Time.GetUtcNow() };
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(GatewayCheckResult.HealthUrlFailing, await _h.Health.CheckOnceAsync(CancellationToken.None));
            _h.Time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(0, _h.RestartCalls);
        Assert.Equal(0, _h.Store.Snapshot().Gateway.ConsecutiveHealthFailures);

        // Past the verify timeout a refusing gateway counts again.
        _h.Time.Advance(_h.Live.Current.Recovery.VerifyTimeout);
        Assert.Equal(GatewayCheckResult.HealthUrlFailing, await _h.Health.CheckOnceAsync(CancellationToken.None));
        Assert.Equal(1, _h.Store.Snapshot().Gateway.ConsecutiveHealthFailures);
    }

    [Fact]
    public async Task A_working_check_in_between_resets_the_count()
    {
        _health = HttpStatusCode.ServiceUnavailable;
        await _h.Health.CheckOnceAsync(CancellationToken.None);
        await _h.Health.CheckOnceAsync(CancellationToken.None);
        _health = HttpStatusCode.OK;
        await _h.Health.CheckOnceAsync(CancellationToken.None);
        _health = HttpStatusCode.ServiceUnavailable;

        Assert.Equal(GatewayCheckResult.HealthUrlFailing, await _h.Health.CheckOnceAsync(CancellationToken.None));
        Assert.Equal(GatewayCheckResult.HealthUrlFailing, await _h.Health.CheckOnceAsync(CancellationToken.None));
        await _h.Systemd.DidNotReceiveWithAnyArgs().RestartUnitAsync(default!, default!, default);
    }

    [Fact]
    public async Task Failed_unit_is_reported_once_with_its_result_not_restarted_and_resolved_when_active_again()
    {
        _h.UnitStatus = RecoveryHarness.Failed("exit-code", 1);

        Assert.Equal(GatewayCheckResult.Unhealthy, await _h.Health.CheckOnceAsync(CancellationToken.None));
        Assert.Equal(GatewayCheckResult.Unhealthy, await _h.Health.CheckOnceAsync(CancellationToken.None));

        _h.Alerts.Received(1).Raise(Arg.Is<AlertEvent>(a =>
            a.Kind == AlertEventKind.GatewayUnhealthy && a.Fingerprint == "GatewayUnhealthy|openclaw-gateway.service"
            && a.Detail!.Contains("failed/failed, result exit-code, last exit status 1")));
        Assert.Single(_h.HealthLogger.Entries, e => e.Id.Id == 3311 && e.Level == LogLevel.Error);
        await _h.Systemd.DidNotReceiveWithAnyArgs().RestartUnitAsync(default!, default!, default);
        Assert.Equal(("failed", "exit-code", 1), (_h.Store.Snapshot().Gateway.ActiveState, _h.Store.Snapshot().Gateway.Result, _h.Store.Snapshot().Gateway.ExecMainStatus));

        _h.UnitStatus = RecoveryHarness.Running();
        Assert.Equal(GatewayCheckResult.Healthy, await _h.Health.CheckOnceAsync(CancellationToken.None));
        _h.Alerts.Received(1).Resolve("GatewayUnhealthy|openclaw-gateway.service", Arg.Any<DateTimeOffset>(), Arg.Any<string?>());
    }

    [Fact]
    public async Task A_unit_in_transition_is_reported_only_when_it_stays_there()
    {
        _h.UnitStatus = new UnitStatus(RecoveryHarness.Unit, "loaded", "activating", "auto-restart", "exit-code", 1, 1, 3, null, null);

        await _h.Health.CheckOnceAsync(CancellationToken.None);
        _h.Alerts.DidNotReceiveWithAnyArgs().Raise(default!);
        await _h.Health.CheckOnceAsync(CancellationToken.None);
        _h.Alerts.Received(1).Raise(Arg.Is<AlertEvent>(a => a.Kind == AlertEventKind.GatewayUnhealthy));
    }

    [Theory]
    [InlineData(SystemdErrorKind.NoSuchUnit, "no unit openclaw-gateway.service")]
    [InlineData(SystemdErrorKind.NoBus, "no systemd bus")]
    public async Task Missing_unit_or_bus_is_said_once_and_recorded(SystemdErrorKind kind, string expected)
    {
        _h.Systemd.GetUnitStateAsync(RecoveryHarness.Unit, Arg.Any<CancellationToken>())
            .Returns(SystemdResult<UnitStatus>.Failure(new SystemdError(kind, "details")));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(GatewayCheckResult.Unavailable, await _h.Health.CheckOnceAsync(CancellationToken.None));
        }

        Assert.Single(_h.HealthLogger.Entries, e => e.Id.Id == 3310);
        Assert.StartsWith(expected, _h.Store.Snapshot().Gateway.Problem, StringComparison.Ordinal);
        Assert.Null(_h.Store.Snapshot().Gateway.ActiveState);
        _h.Alerts.DidNotReceiveWithAnyArgs().Raise(default!);
    }

    [Fact]
    public async Task No_health_URL_means_unit_state_only()
    {
        _h.Options.OpenClaw.HealthUrl = "";

        Assert.Equal(GatewayCheckResult.Healthy, await _h.Health.CheckOnceAsync(CancellationToken.None));
        Assert.Null(_h.Store.Snapshot().Gateway.HealthUrlOk);
        _h.HttpClientFactory.DidNotReceiveWithAnyArgs().CreateClient(default!);
    }

    private sealed class StubHandler(Func<HttpStatusCode> status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status()));
    }
}
