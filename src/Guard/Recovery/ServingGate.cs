using Guard.State;

namespace Guard.Recovery;

/// <summary>
/// The second half of "restart only when it can help": no restart while the gateway shows it is serving. Any real turn
/// it answered since the outage began — seen in its log or its transcripts, with its own credentials, whatever the
/// probes said — means users are being served, and a restart would only cut their turns off.
/// </summary>
public static class ServingGate
{
    /// <summary>Why not to restart, or null when nothing says the gateway serves.</summary>
    public static string? Refusal(ChainState chain, DateTimeOffset outageStart)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.LastServedAt is not { } served || served < outageStart)
        {
            return null;
        }

        var with = chain.LastServedModel is { } model ? $" with {model}" : "";
        return $"the gateway answered a turn{with} at {served:u}, after the outage began at {outageStart:u}: it is serving, and a restart would cut its turns off";
    }
}
