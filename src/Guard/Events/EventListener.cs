using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.Events;

/// <summary>
/// A hosted subscriber to one event type: subscribed at construction (nothing published before the host starts is
/// missed), handles each event in order, and logs a failed one and goes on with the next.
/// </summary>
public abstract partial class EventListener<TEvent> : BackgroundService
    where TEvent : class
{
    private readonly EventSubscription<TEvent> _subscription;
    private readonly ILogger _logger;

    protected EventListener(IEventSubscriber events, ILogger logger, int capacity = EventHub.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _subscription = events.Subscribe<TEvent>(GetType().Name, capacity);
    }

    /// <summary>One event; called by the loop, and directly by tests.</summary>
    public abstract Task HandleAsync(TEvent message, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _subscription.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await HandleAsync(message, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogHandleFailed(_logger, GetType().Name, typeof(TEvent).Name, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription.Dispose(); // no longer listening: nothing piles up in a channel nobody reads
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _subscription.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 8606, Level = LogLevel.Error, Message = "{Listener} failed to handle a {Event}; it goes on with the next")]
    private static partial void LogHandleFailed(ILogger logger, string listener, string @event, Exception exception);
}
