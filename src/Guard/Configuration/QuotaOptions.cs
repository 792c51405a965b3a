using System.ComponentModel.DataAnnotations;

namespace Guard.Configuration;

/// <summary><c>Guard:Quota</c>: warning lines and per-model budgets.</summary>
public sealed class QuotaOptions
{
    [Range(1, 100)]
    public int WarnPercent { get; set; } = 80;

    [Range(1, 100)]
    public int CriticalPercent { get; set; } = 95;

    [TimeSpanRange("00:01:00", "1.00:00:00")]
    public TimeSpan LeadTime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Keyed by model id (<c>provider/model</c>); each entry is validated by <see cref="QuotaBudgetOptionsValidator"/>.</summary>
    public Dictionary<string, QuotaBudgetOptions> Budgets { get; set; } = new(StringComparer.Ordinal);
}
