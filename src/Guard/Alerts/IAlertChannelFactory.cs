using Guard.Configuration;

namespace Guard.Alerts;

/// <summary>Builds the channels from <c>Guard:Alerts:Channels</c> (rebuilt when the configuration reloads).</summary>
public interface IAlertChannelFactory
{
    IReadOnlyList<IAlertChannel> Create(AlertsOptions options);
}
