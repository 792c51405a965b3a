namespace Guard.Alerts.Outbox;

/// <summary>One notification for one channel. <see cref="Id"/> is "&lt;message id&gt;/&lt;channel&gt;", stable across retries and restarts.</summary>
public sealed class OutboxEntry
{
    public required string Id { get; set; }

    /// <summary>Enqueue order; per channel, entries are sent strictly in this order.</summary>
    public long Sequence { get; set; }

    public required string Channel { get; set; }

    public required AlertMessage Message { get; set; }

    public OutboxEntryState State { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>When it was dead-lettered.</summary>
    public DateTimeOffset? DeadAt { get; set; }

    /// <summary>The channel's last error (redacted).</summary>
    public string? LastError { get; set; }

    public static string IdFor(string messageId, string channel) => $"{messageId}/{channel}";
}
