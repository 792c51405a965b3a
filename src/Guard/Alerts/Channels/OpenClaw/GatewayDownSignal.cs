using Guard.State;

namespace Guard.Alerts.Channels.OpenClaw;

/// <summary>
/// "The gateway is known to be down" from the last health check in Guard's state: a unit that is inactive or failed, or
/// a health URL that did not answer. Only a recent check counts — an old one says nothing about now.
/// </summary>
public static class GatewayDownSignal
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(5);

    /// <summary>Why the gateway is down, or null when it is up, unknown, or the last check is too old.</summary>
    public static string? Why(GatewayState? gateway, DateTimeOffset now)
    {
        if (gateway?.LastCheck is not { } checkedAt || now - checkedAt > FreshFor || now < checkedAt - FreshFor)
        {
            return null;
        }

        if (gateway.ActiveState is "inactive" or "failed")
        {
            return $"unit {gateway.Unit} is {gateway.ActiveState}";
        }

        return gateway.HealthUrlOk == false && gateway.ConsecutiveHealthFailures > 0
            ? $"health URL failing ({gateway.Problem ?? "no answer"})"
            : null;
    }
}
