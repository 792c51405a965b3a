namespace Guard.Alerts.Outbox;

/// <summary>A copy of the head entry of one channel, handed to the dispatcher for one attempt.</summary>
public sealed record PendingDelivery(string EntryId, string Channel, AlertMessage Message, int Attempts);
