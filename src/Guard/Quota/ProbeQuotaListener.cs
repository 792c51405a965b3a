using Guard.Events;
using Guard.Probing;
using Guard.Quota.Reported;
using Microsoft.Extensions.Logging;

namespace Guard.Quota;

/// <summary>Stores what every probe round reports about quotas (headers, balances, QuotaExhausted) through <see cref="ProbeQuotaFeed"/>.</summary>
public sealed class ProbeQuotaListener(IEventSubscriber events, ProbeQuotaFeed feed, ILogger<ProbeQuotaListener> logger)
    : EventListener<ProbesCompleted>(events, logger)
{
    public override Task HandleAsync(ProbesCompleted message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        feed.Record(message.Outcomes);
        return Task.CompletedTask;
    }
}
