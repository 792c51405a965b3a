namespace Guard.State;

/// <summary>The outcome of a read-only look at the state file.</summary>
/// <param name="Status">What was found.</param>
/// <param name="State">Set only when <paramref name="Status"/> is <see cref="StateReadStatus.Ok"/>.</param>
/// <param name="Problem">Why the file could not be used; null when Ok or Missing.</param>
public sealed record StateReadResult(StateReadStatus Status, GuardState? State, string? Problem);
