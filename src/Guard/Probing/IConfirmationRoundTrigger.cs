namespace Guard.Probing;

/// <summary>What passive evidence sources call when the gateway reports that its whole chain failed.</summary>
public interface IConfirmationRoundTrigger
{
    /// <summary>Asks the probe loop for a prompt confirmation round (rate-limited, never overlapping a round).</summary>
    void GatewayReportedChainFailure();
}
