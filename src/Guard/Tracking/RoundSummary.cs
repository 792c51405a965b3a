namespace Guard.Tracking;

/// <summary>What one round concluded for the whole chain.</summary>
public sealed record RoundSummary(
    DateTimeOffset At,
    IReadOnlyList<ModelVerdict> Models,
    bool AllFailed,
    int ConsecutiveAllFailedRounds,
    bool ChainDark);
