namespace Guard.Alerts;

/// <summary>Every kind of notice Guard sends. Names are part of the public JSON (alert file, webhook labels).</summary>
public enum AlertEventKind
{
    ModelDown,
    ModelRecovered,
    ChainDark,
    ChainRecovered,
    GatewayRestarted,
    RestartSkipped,
    ManualInterventionNeeded,
    GatewayUnhealthy,
    QuotaWarning,
    QuotaCritical,
    QuotaForecast,
    ChannelFailed,
    Test,
    ChainReordered,
    ChainReorderFailed,
}
