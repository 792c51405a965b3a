namespace Guard.Probing.Providers;

/// <summary>An adapter's reading of a 2xx body: healthy, a failure it recognised, or an error object for the classifier.</summary>
internal readonly record struct StepVerdict(bool Ok, bool IsProviderError, FailureKind? Kind, string? Message)
{
    /// <summary>When a 2xx body itself says the quota is gone, the reset time it gives.</summary>
    public DateTimeOffset? ResetAt { get; init; }

    public static StepVerdict Healthy(string? note = null) => new(true, false, null, note);

    public static StepVerdict Failed(FailureKind kind, string message) => new(false, false, kind, message);

    /// <summary>The 2xx body carries an <c>error</c> object: classify it like an error response.</summary>
    public static StepVerdict ProviderError { get; } = new(false, true, null, null);
}
