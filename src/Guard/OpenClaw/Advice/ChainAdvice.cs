namespace Guard.OpenClaw.Advice;

/// <summary>A recommended chain order; <see cref="Changed"/> is false when the configured order is already best.</summary>
public sealed record ChainAdvice(IReadOnlyList<string> Configured, IReadOnlyList<string> Recommended, string Why)
{
    public bool Changed => !Configured.SequenceEqual(Recommended, StringComparer.Ordinal);

    public string Describe() => Changed
        ? $"recommended fallback order: {string.Join(" → ", Recommended)} ({Why})"
        : "the configured fallback order is already the best one";
}
