using Guard.Configuration;

namespace Guard.Alerts;

/// <summary>
/// One configured destination. <see cref="SendAsync"/> makes exactly one attempt (signing afresh each time);
/// retries, backoff and dead-lettering belong to the outbox. Must not throw for delivery failures.
/// </summary>
public interface IAlertChannel
{
    string Name { get; }

    AlertChannelType Type { get; }

    Task<DeliveryResult> SendAsync(AlertMessage message, CancellationToken cancellationToken);
}
