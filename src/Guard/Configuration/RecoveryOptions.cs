using System.ComponentModel.DataAnnotations;
using Guard.Probing;

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

    /// <summary>Spacing after the first restart in a window; doubles with each further one (2, 4, 8 min…).</summary>
    [TimeSpanRange("00:00:15", "01:00:00")]
    public TimeSpan MinSpacing { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Overrides of the built-in "does a restart help for this failure kind" policy, e.g. <c>{"Forbidden": false}</c>.</summary>
    public Dictionary<FailureKind, bool> RestartOnKind { get; set; } = [];

    /// <summary>How often the gateway health check looks at the unit and the health URL.</summary>
    [TimeSpanRange("00:00:05", "01:00:00")]
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An active unit whose health URL fails this many checks in a row is hung and gets restarted.</summary>
    [Range(1, 100)]
    public int HealthFailuresBeforeRestart { get; set; } = 3;
}
