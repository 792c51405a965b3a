namespace Guard.State;

/// <summary>The outcome of a read-only look at the state file.</summary>
/// <param name="Status">What was found.</param>
/// <param name="State">Set only when <paramref name="Status"/> is <see cref="StateReadStatus.Ok"/>.</param>
/// <param name="Problem">Why the file could not be used; null when Ok or Missing.</param>
/// <param name="Repaired">Sections that were null or of the wrong shape and read as their defaults (Ok only).</param>
public sealed record StateReadResult(StateReadStatus Status, GuardState? State, string? Problem, IReadOnlyList<string>? Repaired = null)
{
    /// <summary>Never null: empty when nothing needed repair.</summary>
    public IReadOnlyList<string> Repairs => Repaired ?? [];
}
