using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Guard.Configuration;

/// <summary><c>Guard:Alerts</c>: where the owner is told, and how often.</summary>
public sealed class AlertsOptions
{
    [TimeSpanRange("00:01:00", "7.00:00:00")]
    public TimeSpan RepeatEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Delivery attempts per notification and channel before it is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 12;

    [ValidateEnumeratedItems]
    public List<AlertChannelOptions> Channels { get; set; } = [];

    /// <summary>Per event kind (<c>ModelDown</c>, <c>ChainDark</c>, …): overrides of the built-in title/text.</summary>
    public Dictionary<string, AlertTemplateOptions> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
