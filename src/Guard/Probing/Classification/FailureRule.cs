namespace Guard.Probing.Classification;

/// <summary>One row of the classifier table: when <see cref="When"/> holds, the failure is <see cref="Kind"/>.</summary>
internal sealed record FailureRule(string Name, FailureKind Kind, Func<ErrorFacts, bool> When)
{
    /// <summary>Reset moment this row can infer (a stated date, or a quota window's end).</summary>
    public Func<ErrorFacts, DateTimeOffset?>? ResetAt { get; init; }

    /// <summary>Only the status said "429"; the tracker escalates a persisting one.</summary>
    public bool Undetailed { get; init; }
}
