namespace Guard.Alerts.Outbox;

/// <summary>
/// The content of <c>alerts-outbox.json</c>: the firing alerts and the notifications per channel, in one file so that
/// "alert X fires" and "tell the owner about X" are recorded by the same atomic write.
/// </summary>
public sealed class OutboxDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    public long NextSequence { get; set; } = 1;

    public List<FiringAlert> Firing { get; set; } = [];

    public List<OutboxEntry> Entries { get; set; } = [];

    /// <summary>Entry ids delivered and since pruned, with their delivery time: such an id is never sent again.</summary>
    public Dictionary<string, DateTimeOffset> DeliveredIds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per channel, when its last ChannelFailed notice was queued (one per RepeatEvery, not one per lost message).</summary>
    public Dictionary<string, DateTimeOffset> ChannelFailedAt { get; set; } = new(StringComparer.Ordinal);

    public FiringAlert? FindFiring(string fingerprint) =>
        Firing.Find(a => string.Equals(a.Fingerprint, fingerprint, StringComparison.Ordinal));

    public OutboxEntry? FindEntry(string id) => Entries.Find(e => string.Equals(e.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// Queues <paramref name="message"/> once per channel. An id already queued or already delivered is refused, so a
    /// replayed notification is never sent twice. Returns the entries added.
    /// </summary>
    public List<OutboxEntry> Enqueue(AlertMessage message, IEnumerable<string> channels, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(channels);
        var added = new List<OutboxEntry>();
        foreach (var channel in channels.Distinct(StringComparer.Ordinal))
        {
            var id = OutboxEntry.IdFor(message.Id, channel);
            if (DeliveredIds.ContainsKey(id) || FindEntry(id) is not null)
            {
                continue;
            }

            var entry = new OutboxEntry
            {
                Id = id,
                Sequence = NextSequence++,
                Channel = channel,
                Message = message,
                State = OutboxEntryState.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            };
            Entries.Add(entry);
            added.Add(entry);
        }

        return added;
    }

    /// <summary>The oldest pending entry of <paramref name="channel"/>: nothing behind it may be sent first.</summary>
    public OutboxEntry? Head(string channel)
    {
        OutboxEntry? head = null;
        foreach (var entry in Entries)
        {
            if (entry.State == OutboxEntryState.Pending && string.Equals(entry.Channel, channel, StringComparison.Ordinal)
                && (head is null || entry.Sequence < head.Sequence))
            {
                head = entry;
            }
        }

        return head;
    }

    /// <summary>Drops delivered entries after <paramref name="deliveredRetention"/> (remembering their ids) and old dead ones.</summary>
    public void Prune(DateTimeOffset now, TimeSpan deliveredRetention, TimeSpan rememberIds, TimeSpan deadRetention)
    {
        foreach (var entry in Entries.Where(e => e.State == OutboxEntryState.Delivered && now - e.DeliveredAt >= deliveredRetention))
        {
            DeliveredIds[entry.Id] = entry.DeliveredAt!.Value;
        }

        Entries.RemoveAll(e =>
            (e.State == OutboxEntryState.Delivered && now - e.DeliveredAt >= deliveredRetention)
            || (e.State == OutboxEntryState.Dead && now - e.DeadAt >= deadRetention));
        foreach (var id in DeliveredIds.Where(p => now - p.Value >= rememberIds).Select(p => p.Key).ToList())
        {
            DeliveredIds.Remove(id);
        }
    }

    // A hand-edited or older file may have nulls where this build expects collections.
    internal OutboxDocument Normalize()
    {
        Firing ??= [];
        Firing.RemoveAll(a => a is null || string.IsNullOrEmpty(a.Fingerprint));
        foreach (var alert in Firing)
        {
            alert.Lines ??= [];
            alert.Labels ??= new(StringComparer.Ordinal);
            alert.Message ??= "";
        }

        Entries ??= [];
        Entries.RemoveAll(e => e is null || e.Message is null || string.IsNullOrEmpty(e.Channel));
        DeliveredIds = new Dictionary<string, DateTimeOffset>(DeliveredIds ?? [], StringComparer.Ordinal);
        ChannelFailedAt = new Dictionary<string, DateTimeOffset>(ChannelFailedAt ?? [], StringComparer.Ordinal);
        if (Entries.Count > 0 && NextSequence <= Entries.Max(e => e.Sequence))
        {
            NextSequence = Entries.Max(e => e.Sequence) + 1;
        }

        return this;
    }
}
