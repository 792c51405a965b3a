using Guard.Configuration;

namespace Guard.Alerts;

/// <summary>
/// Placeholder until the channel senders land: builds no channels, so notifications stay pending in the outbox
/// (nothing is lost) and are delivered once a real <see cref="IAlertChannelFactory"/> is registered.
/// </summary>
public sealed class NoAlertChannelFactory : IAlertChannelFactory
{
    public IReadOnlyList<IAlertChannel> Create(AlertsOptions options) => [];
}
