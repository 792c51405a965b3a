namespace Guard.State;

/// <summary>The recovery actor's memory across Guard restarts: manual-intervention mode and what it already said.</summary>
public sealed class RecoveryState
{
    /// <summary>The restart budget ran out while the chain stayed dark; no restarts until a model answers again.</summary>
    public bool ManualInterventionNeeded { get; set; }

    public DateTimeOffset? ManualInterventionSince { get; set; }

    /// <summary>The dark episode (its <c>dark_since</c>) for which a skip was already recorded, so it is said once.</summary>
    public DateTimeOffset? SkipRecordedForEpisode { get; set; }

    public string? LastSkipReason { get; set; }
}
