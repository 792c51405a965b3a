using Guard.Cli;
using Guard.State;

namespace Guard.Tests.Cli;

public sealed class StatusPrinterGatewayTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);

    private static string Print(GuardState state)
    {
        using var output = new StringWriter();
        StatusPrinter.Print(output, state, [], "/state.json", Now);
        return output.ToString();
    }

    [Fact]
    public void No_gateway_check_yet_prints_no_gateway_line()
    {
        Assert.DoesNotContain("Gateway", Print(new GuardState()), StringComparison.Ordinal);
    }

    [Fact]
    public void Active_gateway_with_a_failing_health_URL()
    {
        var state = new GuardState
        {
            Gateway = new GatewayState
            {
                Unit = "openclaw-gateway.service", ActiveState = "active", SubState = "running", Result = "success",
                HealthUrlOk = false, ConsecutiveHealthFailures = 2, LastCheck = Now.AddSeconds(-5),
            },
        };

        Assert.Contains(
            "Gateway    openclaw-gateway.service active/running, health URL FAILING (2 in a row); checked 2026-02-12 20:59:55Z (5s ago)",
            Print(state), StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_gateway_shows_its_result_and_a_missing_unit_its_problem()
    {
        var failed = new GuardState { Gateway = new GatewayState { Unit = "gw.service", ActiveState = "failed", SubState = "failed", Result = "exit-code", LastCheck = Now } };
        var missing = new GuardState { Gateway = new GatewayState { Unit = "gw.service", Problem = "no unit gw.service", LastCheck = Now } };

        Assert.Contains("Gateway    gw.service failed/failed, result exit-code; checked", Print(failed), StringComparison.Ordinal);
        Assert.Contains("Gateway    gw.service: no unit gw.service; checked", Print(missing), StringComparison.Ordinal);
    }

    [Fact]
    public void Manual_intervention_is_shown()
    {
        var state = new GuardState { Recovery = new RecoveryState { ManualInterventionNeeded = true, ManualInterventionSince = Now.AddMinutes(-3) } };

        Assert.Contains("Recovery   MANUAL INTERVENTION NEEDED since 2026-02-12 20:57:00Z (3m ago)", Print(state), StringComparison.Ordinal);
    }
}
