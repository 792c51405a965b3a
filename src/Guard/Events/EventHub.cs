using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Guard.Events;

/// <summary>
/// Guard's one in-process bus. Each subscriber has its own bounded channel per event type, so publishing never waits:
/// a slow subscriber only loses its own oldest unread events (logged), never delays the publisher or another subscriber.
/// Registered once by the composition root.
/// </summary>
public sealed partial class EventHub(ILogger<EventHub> logger) : IEventPublisher, IEventSubscriber
{
    /// <summary>Far more than one probe round publishes; a subscriber this far behind is stuck, not slow.</summary>
    public const int DefaultCapacity = 256;

    private readonly Lock _gate = new();
    private ImmutableDictionary<Type, ImmutableArray<object>> _subscriptions = ImmutableDictionary<Type, ImmutableArray<object>>.Empty;

    public void Publish<TEvent>(TEvent message)
        where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Volatile.Read(ref _subscriptions).TryGetValue(typeof(TEvent), out var subscribers))
        {
            return;
        }

        foreach (var subscription in subscribers)
        {
            ((EventSubscription<TEvent>)subscription).Deliver(message);
        }
    }

    public EventSubscription<TEvent> Subscribe<TEvent>(string subscriber, int capacity = DefaultCapacity)
        where TEvent : class
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriber);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var channel = Channel.CreateBounded<TEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => LogDropped(logger, subscriber, typeof(TEvent).Name, capacity));
        var subscription = new EventSubscription<TEvent>(subscriber, channel, Remove);
        lock (_gate)
        {
            var current = _subscriptions.GetValueOrDefault(typeof(TEvent), []);
            _subscriptions = _subscriptions.SetItem(typeof(TEvent), current.Add(subscription));
        }

        return subscription;
    }

    private void Remove<TEvent>(EventSubscription<TEvent> subscription)
        where TEvent : class
    {
        lock (_gate)
        {
            if (_subscriptions.TryGetValue(typeof(TEvent), out var current))
            {
                _subscriptions = _subscriptions.SetItem(typeof(TEvent), current.Remove(subscription));
            }
        }
    }

    [LoggerMessage(EventId = 8605, Level = LogLevel.Warning, Message = "{Subscriber} is {Capacity} events behind: dropped its oldest unread {Event}")]
    private static partial void LogDropped(ILogger logger, string subscriber, string @event, int capacity);
}
