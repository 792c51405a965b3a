using Microsoft.Extensions.Options;

namespace Guard.Configuration;

/// <summary><c>Guard:Alerts</c>: where the owner is told, and how often.</summary>
public sealed class AlertsOptions
{
    [TimeSpanRange("00:01:00", "7.00:00:00")]
    public TimeSpan RepeatEvery { get; set; } = TimeSpan.FromHours(1);

    [ValidateEnumeratedItems]
    public List<AlertChannelOptions> Channels { get; set; } = [];
}
