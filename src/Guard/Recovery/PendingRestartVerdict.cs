namespace Guard.Recovery;

/// <summary>What the unit's state says became of a restart attempt whose outcome Guard never recorded.</summary>
public enum PendingRestartVerdict
{
    /// <summary>The unit became active (or is starting) after the attempt: the restart happened.</summary>
    Restarted,

    /// <summary>The unit was stopped after the attempt and has not been active since: the restart ran, the start failed.</summary>
    RestartFailed,

    /// <summary>Nothing happened to the unit after the attempt: Guard stopped before the restart reached systemd.</summary>
    NotMade,
}
