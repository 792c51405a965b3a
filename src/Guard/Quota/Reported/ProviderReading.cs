namespace Guard.Quota.Reported;

/// <summary>
/// A limit as a provider reported it at <see cref="ObservedAt"/>: rate-limit headers, a balance or key endpoint,
/// or a QuotaExhausted probe. Persisted; ignored once its reset passed or, without a reset, after an hour.
/// </summary>
public sealed class ProviderReading
{
    public required string ModelId { get; set; }

    /// <summary>Where it came from, shown by <c>guard quota</c>: "anthropic-ratelimit-tokens", "openrouter-key", "probe", …</summary>
    public required string Source { get; set; }

    public QuotaMeter Meter { get; set; }

    public double? Limit { get; set; }

    public double? Remaining { get; set; }

    /// <summary>Reported use when the provider states it (OpenRouter <c>usage</c>); otherwise limit − remaining.</summary>
    public double? Used { get; set; }

    public DateTimeOffset? ResetAt { get; set; }

    public DateTimeOffset ObservedAt { get; set; }

    /// <summary>A probe failed with QuotaExhausted: 100 % until <see cref="ResetAt"/> or the next successful probe.</summary>
    public bool Exhausted { get; set; }

    /// <summary>Limit, remaining and used are percentages (Zhipu's plan endpoint): no transcript usage is added to them.</summary>
    public bool Percentage { get; set; }

    /// <summary>Short provider detail for display ("limit_reset daily", a QuotaExhausted message).</summary>
    public string? Note { get; set; }

    public string Key => Keyed(ModelId, Source);

    public static string Keyed(string modelId, string source) => modelId + "|" + source;
}
