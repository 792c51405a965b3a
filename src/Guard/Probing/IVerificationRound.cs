using Guard.Tracking;

namespace Guard.Probing;

/// <summary>An immediate probe round on demand: how the recovery actor verifies a restart without knowing the probe loop.</summary>
public interface IVerificationRound
{
    /// <summary>One round now, serialised with the scheduled ones; null when the round failed unexpectedly.</summary>
    Task<RoundSummary?> RunVerificationRoundAsync(CancellationToken cancellationToken);
}
