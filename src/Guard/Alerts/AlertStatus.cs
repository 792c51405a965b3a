namespace Guard.Alerts;

/// <summary>Alertmanager vocabulary: a notice either announces a problem or its end.</summary>
public enum AlertStatus
{
    Firing,
    Resolved,
}
