namespace Guard.Probing;

/// <summary>Published with every probe result of a round, before the tracker records it (the quota watch reads headers and balances).</summary>
public sealed record ProbesCompleted(IReadOnlyList<ModelProbeOutcome> Outcomes);
