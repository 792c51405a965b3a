namespace Guard.Alerts;

/// <summary>How urgent a notice is; Critical notices repeat every <c>Guard:Alerts:RepeatEvery</c> while firing.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
