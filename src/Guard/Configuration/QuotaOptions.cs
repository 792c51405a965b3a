using System.ComponentModel.DataAnnotations;

namespace Guard.Configuration;

/// <summary><c>Guard:Quota</c>: warning lines, the check schedule, per-model budgets and the critical command.</summary>
public sealed class QuotaOptions
{
    [Range(1, 100)]
    public int WarnPercent { get; set; } = 80;

    [Range(1, 100)]
    public int CriticalPercent { get; set; } = 95;

    [TimeSpanRange("00:01:00", "1.00:00:00")]
    public TimeSpan LeadTime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the quota check reads new transcript lines and re-evaluates every budget.</summary>
    [TimeSpanRange("00:00:05", "01:00:00")]
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Read OpenClaw's session transcripts under <c>Guard:OpenClaw:AgentsDirectory</c> for usage.</summary>
    public bool ReadTranscripts { get; set; } = true;

    /// <summary>Program run once per critical episode (no shell); empty runs nothing.</summary>
    public string? CriticalCommand { get; set; }

    /// <summary>Arguments of <see cref="CriticalCommand"/>, passed as-is (no shell expansion).</summary>
    public List<string> CriticalArguments { get; set; } = [];

    /// <summary>Keyed by model id (<c>provider/model</c>); each entry is validated by <see cref="QuotaBudgetOptionsValidator"/>.</summary>
    public Dictionary<string, QuotaBudgetOptions> Budgets { get; set; } = new(StringComparer.Ordinal);
}
