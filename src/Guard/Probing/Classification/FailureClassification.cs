namespace Guard.Probing.Classification;

/// <summary>The classifier's verdict on one failed response or transport error.</summary>
/// <param name="Kind">What failed.</param>
/// <param name="Message">Short, single-line, secret-free description.</param>
/// <param name="Rule">Name of the table row that matched, for tests and diagnostics.</param>
public sealed record FailureClassification(FailureKind Kind, string Message, string Rule)
{
    public TimeSpan? RetryAfter { get; init; }

    public DateTimeOffset? ResetAt { get; init; }

    /// <summary>A 429 that did not say whether it is a quota or a rate limit.</summary>
    public bool IsUndetailedRateLimit { get; init; }

    /// <summary>Request id found in the body (<c>request_id</c>), when the headers had none.</summary>
    public string? BodyRequestId { get; init; }
}
