namespace Guard.Probing;

/// <summary>Where a piece of health evidence came from.</summary>
public enum EvidenceSource
{
    ProbeReach,
    ProbeDeep,
    GatewayLog,
    Transcript,
}
