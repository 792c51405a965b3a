namespace Guard.Tracking;

/// <summary>Health changes the tracker announces to the actors (recovery, alerts).</summary>
public enum TransitionKind
{
    ModelDown,
    ModelRecovered,
    ChainDark,
    ChainRecovered,
}
