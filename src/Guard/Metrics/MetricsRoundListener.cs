using Guard.Events;
using Guard.Probing;
using Microsoft.Extensions.Logging;

namespace Guard.Metrics;

/// <summary>Feeds every completed probe round to <see cref="GuardMetrics"/> (registered only when metrics are enabled).</summary>
internal sealed class MetricsRoundListener(IEventSubscriber events, GuardMetrics metrics, ILogger<MetricsRoundListener> logger)
    : EventListener<RoundCompleted>(events, logger)
{
    public override Task HandleAsync(RoundCompleted message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        metrics.RecordRound(message.Summary);
        return Task.CompletedTask;
    }
}
