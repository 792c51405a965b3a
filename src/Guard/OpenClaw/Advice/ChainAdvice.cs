namespace Guard.OpenClaw.Advice;

/// <summary>A recommended chain order; <see cref="Changed"/> is false when the configured order is already best.</summary>
public sealed record ChainAdvice(IReadOnlyList<string> Configured, IReadOnlyList<string> Recommended, string Why)
{
    /// <summary>The recommended models in order with health, quota left and latency; empty for a chain too short to advise on.</summary>
    public IReadOnlyList<ChainAdviceEntry> Entries { get; init; } = [];

    public bool Changed => !Configured.SequenceEqual(Recommended, StringComparer.Ordinal);

    /// <summary>The recommendation puts another model in front of the configured primary.</summary>
    public bool PrimaryMoved => Configured.Count > 0 && Recommended.Count > 0 && !string.Equals(Configured[0], Recommended[0], StringComparison.Ordinal);

    public string Describe() => Changed
        ? $"recommended order: {string.Join(" → ", Recommended)} ({Why})"
        : "the configured order is already the best one";

    /// <summary>One line per model, for alert texts: the order to use and why each model sits where it does.</summary>
    public string DescribeEntries() => Entries.Count == 0
        ? Describe()
        : (Changed ? "recommended order " : "configured order is best ") + string.Join(" → ", Entries.Select(e => e.Describe()));
}
