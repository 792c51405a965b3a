namespace Guard.Alerts;

/// <summary>Used when no alerting is registered (one-shot commands, unit tests): raising does nothing.</summary>
public sealed class NullAlertPublisher : IAlertPublisher
{
    public static NullAlertPublisher Instance { get; } = new();

    public void Raise(AlertEvent alert)
    {
    }

    public void Resolve(string fingerprint, DateTimeOffset at, string? note = null)
    {
    }
}
