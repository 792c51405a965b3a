namespace Guard.Recovery;

/// <summary>What the recovery actor did about a round.</summary>
public enum RecoveryDecision
{
    None,
    Skipped,
    Waiting,
    Restarted,
    RestartFailed,
    ManualIntervention,
}
