namespace Guard.Recovery;

/// <summary>What asked for a restart; stored in <c>restarts[].trigger</c>.</summary>
public static class RestartTriggers
{
    /// <summary>Every model failed <c>AllFailedRounds</c> rounds in a row.</summary>
    public const string ChainDark = "ChainDark";

    /// <summary>The unit is active but its health URL failed <c>HealthFailuresBeforeRestart</c> checks in a row.</summary>
    public const string GatewayHung = "GatewayHung";

    /// <summary><c>guard restart-gateway</c>: skips the failure-kind gate, keeps the budget and the exit-78 refusal.</summary>
    public const string Manual = "Manual";
}
