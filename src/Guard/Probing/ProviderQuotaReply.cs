namespace Guard.Probing;

/// <summary>
/// The 2xx body of a zero-token quota endpoint (Moonshot <c>balance</c>, OpenRouter <c>key</c>), kept in memory for
/// the quota watch to parse. Never logged or persisted: only the numbers parsed from it are.
/// </summary>
public sealed record ProviderQuotaReply(string Step, ReadOnlyMemory<byte> Body, DateTimeOffset ReceivedAt)
{
    /// <summary>Keeps the body out of any log line that prints the record.</summary>
    public override string ToString() => $"{Step} reply ({Body.Length} bytes)";
}
