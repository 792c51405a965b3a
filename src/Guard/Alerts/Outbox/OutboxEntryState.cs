namespace Guard.Alerts.Outbox;

/// <summary>Where one notification stands on one channel.</summary>
public enum OutboxEntryState
{
    Pending,
    Delivered,
    Dead,
}
