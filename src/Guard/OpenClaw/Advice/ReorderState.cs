namespace Guard.OpenClaw.Advice;

/// <summary>
/// What <c>Reorder = Apply</c> persists in the state file (<c>reorder</c>), so a restarted Guard still knows the owner's
/// order and whether the chain in openclaw.json is Guard's.
/// </summary>
public sealed class ReorderState
{
    /// <summary>The owner's chain (primary first) as last seen while Guard's order was not in effect.</summary>
    public List<string>? Original { get; set; }

    /// <summary>The order Guard wrote and that is in effect; null when the owner's order is.</summary>
    public List<string>? Applied { get; set; }

    /// <summary>Why Guard's order was written.</summary>
    public string? Why { get; set; }

    /// <summary>Last successful write (change or restore).</summary>
    public DateTimeOffset? LastChangeAt { get; set; }

    /// <summary>Last write attempt, failed ones included: the rate limit counts both, so a broken CLI is not hammered.</summary>
    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>Start of the unbroken healthy run of the original primary (restore after RestoreAfter).</summary>
    public DateTimeOffset? PrimaryHealthySince { get; set; }

    /// <summary>Short, secret-free reason the last attempt failed; null after a success.</summary>
    public string? LastProblem { get; set; }

    public ReorderState Copy()
    {
        var copy = (ReorderState)MemberwiseClone();
        copy.Original = Original is null ? null : [.. Original];
        copy.Applied = Applied is null ? null : [.. Applied];
        return copy;
    }

    public bool SameAs(ReorderState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Same(Original, other.Original) && Same(Applied, other.Applied) && Why == other.Why && LastChangeAt == other.LastChangeAt
            && LastAttemptAt == other.LastAttemptAt && PrimaryHealthySince == other.PrimaryHealthySince && LastProblem == other.LastProblem;
    }

    private static bool Same(List<string>? a, List<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b, StringComparer.Ordinal);
}
