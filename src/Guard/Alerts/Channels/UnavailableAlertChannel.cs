using Guard.Configuration;

namespace Guard.Alerts.Channels;

/// <summary>
/// Stands in for a channel whose settings cannot work (e.g. its UrlEnv variable is unset): every attempt is a
/// Permanent failure naming the problem, so the outbox and <c>guard test-alert</c> report it instead of crashing.
/// </summary>
public sealed class UnavailableAlertChannel(string name, AlertChannelType type, string problem) : IAlertChannel
{
    public string Name { get; } = name;

    public AlertChannelType Type { get; } = type;

    public string Problem { get; } = problem;

    public Task<DeliveryResult> SendAsync(AlertMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(new DeliveryResult(DeliveryOutcome.Permanent, Problem));
}
