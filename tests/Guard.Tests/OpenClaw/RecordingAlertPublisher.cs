using Guard.Alerts;

namespace Guard.Tests.OpenClaw;

/// <summary>Records raises and resolves; like the real manager, raising a firing fingerprint again sends nothing.</summary>
internal sealed class RecordingAlertPublisher : IAlertPublisher
{
    private readonly HashSet<string> _firing = new(StringComparer.Ordinal);

    /// <summary>Events that produced a notice (one-shots always, others only when not already firing).</summary>
    public List<AlertEvent> Notices { get; } = [];

    public List<string> Resolved { get; } = [];

    public bool IsFiring(string fingerprint) => _firing.Contains(fingerprint);

    public void Raise(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.OneShot || _firing.Add(alert.Fingerprint))
        {
            Notices.Add(alert);
        }
    }

    public void Resolve(string fingerprint, DateTimeOffset at, string? note = null)
    {
        if (_firing.Remove(fingerprint))
        {
            Resolved.Add(fingerprint);
        }
    }
}
