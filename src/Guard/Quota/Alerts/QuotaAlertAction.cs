using Guard.Alerts;

namespace Guard.Quota.Alerts;

/// <summary>Raise <see cref="Event"/>, or resolve <see cref="Fingerprint"/> with <see cref="Note"/>.</summary>
public sealed record QuotaAlertAction(AlertEvent? Event, string Fingerprint, string? Note)
{
    public bool IsRaise => Event is not null;
}
