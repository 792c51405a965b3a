namespace Guard.Recovery;

/// <summary>What one gateway health check concluded.</summary>
public enum GatewayCheckResult
{
    /// <summary>Active and (when configured) the health URL answers.</summary>
    Healthy,

    /// <summary>Active, but the health URL failed fewer than <c>HealthFailuresBeforeRestart</c> times in a row.</summary>
    HealthUrlFailing,

    /// <summary>Active, the health URL kept failing: a restart went through the budgeted path.</summary>
    Hung,

    /// <summary>Inactive, failed, or stuck in a transition: reported with systemd's result.</summary>
    Unhealthy,

    /// <summary>No such unit, no bus, access denied: reported once.</summary>
    Unavailable,
}
