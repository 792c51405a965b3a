using System.ComponentModel.DataAnnotations;

namespace Guard.Configuration;

/// <summary><c>Guard:Quota:Budgets:&lt;model id&gt;</c>: what a model may use per window.</summary>
public sealed class QuotaBudgetOptions
{
    [Range(1, long.MaxValue)]
    public long? TokensPerWindow { get; set; }

    [Range(1, long.MaxValue)]
    public long? RequestsPerWindow { get; set; }

    [TimeSpanRange("00:01:00", "31.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// IANA zone id ("America/Los_Angeles"). Set: fixed windows aligned to local midnight (a calendar day for
    /// <c>1.00:00:00</c>). Unset: a rolling window ending now.
    /// </summary>
    public string? TimeZone { get; set; }
}
