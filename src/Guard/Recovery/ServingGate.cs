using Guard.State;

namespace Guard.Recovery;

/// <summary>
/// The second half of "restart only when it can help": no restart while the gateway shows it is serving. Any real turn
/// it answered since the outage began — seen in its log or its transcripts, with its own credentials, whatever the
/// probes said — means users are being served, and a restart would only cut their turns off.
/// </summary>
public static class ServingGate
{
    /// <summary>
    /// Why not to restart, or null when nothing says the gateway serves. The text stays the same for one outage, so the
    /// refusal is recorded and told once, however many turns it goes on serving.
    /// </summary>
    public static string? Refusal(ChainState chain, DateTimeOffset outageStart)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.LastServedAt is not { } served || served < outageStart)
        {
            return null;
        }

        return $"the gateway answered turns after the outage began at {outageStart:u} (its own log or transcripts): it is serving, and a restart would cut its turns off";
    }
}
