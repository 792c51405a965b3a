using Guard.Alerts;

namespace Guard.Tests.Quota;

/// <summary>Records raises and resolves in order.</summary>
internal sealed class RecordingAlertPublisher : IAlertPublisher
{
    private readonly Lock _gate = new();
    private readonly List<(AlertEvent? Raised, string Fingerprint, DateTimeOffset At, string? Note)> _calls = [];

    public IReadOnlyList<(AlertEvent? Raised, string Fingerprint, DateTimeOffset At, string? Note)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<AlertEvent> Raised => [.. Calls.Where(c => c.Raised is not null).Select(c => c.Raised!)];

    public IReadOnlyList<(string Fingerprint, DateTimeOffset At, string? Note)> Resolved =>
        [.. Calls.Where(c => c.Raised is null).Select(c => (c.Fingerprint, c.At, c.Note))];

    public void Raise(AlertEvent alert)
    {
        lock (_gate)
        {
            _calls.Add((alert, alert.Fingerprint, alert.At, null));
        }
    }

    public void Resolve(string fingerprint, DateTimeOffset at, string? note = null)
    {
        lock (_gate)
        {
            _calls.Add((null, fingerprint, at, note));
        }
    }
}
