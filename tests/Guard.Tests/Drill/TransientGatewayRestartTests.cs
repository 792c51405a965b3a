using Guard.Drill;
using Guard.Systemd;

namespace Guard.Tests.Drill;

public sealed class TransientGatewayRestartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static UnitStatus Unit(string active, uint? pid, DateTimeOffset? enteredAt) =>
        new("guard-drill-gateway-0a1b2c3d.service", "loaded", active, active == "active" ? "running" : "dead", "success", null, null, 0, enteredAt, null) { MainPid = pid };

    [Fact]
    public void Verified_NewPidActiveAndLaterTimestamp() =>
        Assert.True(new TransientGatewayRestart(TimeSpan.FromMilliseconds(20), "done", Unit("active", 100, T0), Unit("active", 200, T0.AddSeconds(9))).Verified);

    [Theory]
    [InlineData("active", 100u, 9)] // same process: nothing was restarted
    [InlineData("active", 200u, 0)] // became active no later than before
    [InlineData("failed", 200u, 9)] // not running
    [InlineData("active", 0u, 9)] // no main process
    public void NotVerified(string active, uint pid, int secondsLater) =>
        Assert.False(new TransientGatewayRestart(TimeSpan.Zero, "done", Unit("active", 100, T0), Unit(active, pid, T0.AddSeconds(secondsLater))).Verified);

    [Fact]
    public void NotVerified_WhenTheUnitCouldNotBeReadBack() =>
        Assert.False(new TransientGatewayRestart(TimeSpan.Zero, "done", Unit("active", 100, T0), null).Verified);
}
