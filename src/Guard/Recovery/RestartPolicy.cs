using System.Collections.Frozen;
using Guard.Configuration;
using Guard.Probing;

namespace Guard.Recovery;

/// <summary>Whether restarting the gateway can fix a failure kind (design.md's table), with per-kind overrides.</summary>
public static class RestartPolicy
{
    /// <summary>
    /// Quota, rate limits and configuration mistakes survive a restart (OpenClaw keeps its cooldowns on disk);
    /// auth refresh, stuck lanes, network and provider hiccups may not.
    /// </summary>
    private static readonly FrozenSet<FailureKind> HelpsByDefault = FrozenSet.Create(
        FailureKind.AuthFailed, FailureKind.Forbidden, FailureKind.Timeout, FailureKind.Network,
        FailureKind.ServerError, FailureKind.Overloaded, FailureKind.Unknown);

    public static bool Helps(FailureKind kind, RecoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RestartOnKind.TryGetValue(kind, out var overridden) ? overridden : HelpsByDefault.Contains(kind);
    }
}
