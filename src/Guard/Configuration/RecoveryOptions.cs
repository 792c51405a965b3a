using System.ComponentModel.DataAnnotations;

namespace Guard.Configuration;

/// <summary><c>Guard:Recovery</c>: when and how often the gateway may be restarted.</summary>
public sealed class RecoveryOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1, 100)]
    public int AllFailedRounds { get; set; } = 3;

    [Range(0, 20)]
    public int MaxRestarts { get; set; } = 3;

    [TimeSpanRange("00:01:00", "7.00:00:00")]
    public TimeSpan RestartWindow { get; set; } = TimeSpan.FromHours(1);

    [TimeSpanRange("00:00:05", "00:30:00")]
    public TimeSpan VerifyTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public BusKind Bus { get; set; } = BusKind.User;
}
