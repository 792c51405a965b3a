using Guard.Alerts;

namespace Guard.Tests.Alerts;

public sealed class AlertManagerTests : IDisposable
{
    private readonly AlertTestBed _bed = new("owner");

    public void Dispose() => _bed.Dispose();

    private AlertEvent Restarted(bool oneShot = true) => new()
    {
        Kind = AlertEventKind.GatewayRestarted, Severity = AlertSeverity.Critical, Fingerprint = "GatewayRestarted|openclaw-gateway.service",
        At = _bed.Time.GetUtcNow(), OneShot = oneShot, Detail = "verified: zhipu/glm-4.7 answers again, downtime 4 min",
        Labels = new Dictionary<string, string> { ["unit"] = "openclaw-gateway.service" },
    };

    [Fact]
    public async Task OneShot_SentOnce_NeverFires_NeverRepeats()
    {
        _bed.Manager.Raise(Restarted());
        await _bed.Dispatcher.DrainOnceAsync(CancellationToken.None);
        _bed.Time.Advance(TimeSpan.FromHours(3));
        await _bed.Dispatcher.DrainOnceAsync(CancellationToken.None);

        var message = Assert.Single(_bed.Sent());
        Assert.Equal("🔄 网关已重启 GatewayRestarted openclaw-gateway.service", message.Title);
        Assert.StartsWith("verified: zhipu/glm-4.7 answers again, downtime 4 min", message.Text, StringComparison.Ordinal);
        Assert.Empty(_bed.Manager.Firing());
        Assert.False(_bed.Manager.Resolve("GatewayRestarted|openclaw-gateway.service", _bed.Time.GetUtcNow(), null, silent: false));
    }

    [Fact]
    public async Task Raise_AlreadyFiring_IsANoOp_ResolveNotFiring_IsANoOp()
    {
        _bed.Manager.Raise(Restarted(oneShot: false) with { Kind = AlertEventKind.GatewayUnhealthy, Fingerprint = "GatewayUnhealthy|u", Severity = AlertSeverity.Warning });
        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        _bed.Manager.Raise(Restarted(oneShot: false) with { Kind = AlertEventKind.GatewayUnhealthy, Fingerprint = "GatewayUnhealthy|u", Severity = AlertSeverity.Warning, Detail = "changed" });
        _bed.Manager.Resolve("Nope|x", _bed.Time.GetUtcNow());
        await _bed.Dispatcher.DrainOnceAsync(CancellationToken.None);

        Assert.Single(_bed.Sent());
        Assert.Equal(AlertTestBed.Start, Assert.Single(_bed.Manager.Firing()).Since);

        // Warning alerts never repeat.
        _bed.Time.Advance(TimeSpan.FromHours(5));
        await _bed.Dispatcher.DrainOnceAsync(CancellationToken.None);
        Assert.Single(_bed.Sent());
    }
}
