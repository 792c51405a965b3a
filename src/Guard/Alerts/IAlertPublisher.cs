namespace Guard.Alerts;

/// <summary>
/// The one API other areas raise alerts through (recovery actor, gateway health check, quota watch).
/// Raising an alert that is already firing with the same fingerprint is a no-op (except scheduled repeats);
/// resolving one that is not firing is a no-op.
/// </summary>
public interface IAlertPublisher
{
    void Raise(AlertEvent alert);

    void Resolve(string fingerprint, DateTimeOffset at, string? note = null);
}
