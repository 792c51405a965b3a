namespace Guard.Cli;

/// <summary>
/// One element of <c>guard probe --json</c>: the public contract, field names fixed. <c>Rule</c> names what decided
/// a failure (docs/classification.md); null when ok.
/// </summary>
public sealed record ProbeJsonRow(
    string Model,
    string Provider,
    string Api,
    string Tier,
    bool Ok,
    string? Kind,
    int? Status,
    long LatencyMs,
    double? RetryAfterSeconds,
    string? Message,
    string? Rule = null);
