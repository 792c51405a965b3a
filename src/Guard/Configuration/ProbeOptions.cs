using System.ComponentModel.DataAnnotations;

namespace Guard.Configuration;

/// <summary><c>Guard:Probe</c>: when and how models are probed, and when a model counts as down.</summary>
public sealed class ProbeOptions
{
    /// <summary>Cronos expression, 5 fields (minutes) or 6 fields (seconds first), evaluated in UTC.</summary>
    [Required]
    public string Schedule { get; set; } = "*/30 * * * * *";

    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    [TimeSpanRange("00:01:00", "7.00:00:00")]
    public TimeSpan DeepEvery { get; set; } = TimeSpan.FromMinutes(30);

    [TimeSpanRange("00:00:00", "00:05:00")]
    public TimeSpan FallbackDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 100)]
    public int DownAfter { get; set; } = 3;

    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Probes in flight against one provider (base URL host and port), within MaxConcurrency.</summary>
    [Range(1, 256)]
    public int MaxConcurrencyPerProvider { get; set; } = 4;

    /// <summary>A bare 429 (no detail telling quota from rate limit) that lasts this long is treated as QuotaExhausted.</summary>
    [TimeSpanRange("00:01:00", "1.00:00:00")]
    public TimeSpan RateLimitEscalateAfter { get; set; } = TimeSpan.FromMinutes(10);
}
