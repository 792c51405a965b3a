namespace Guard.Events;

/// <summary>Subscribes to one event type: the subscriber gets its own bounded channel and reads it at its own pace.</summary>
public interface IEventSubscriber
{
    /// <summary>
    /// Everything of <typeparamref name="TEvent"/> published from now on, until the subscription is disposed. When the
    /// subscriber falls <paramref name="capacity"/> events behind, the oldest unread one is dropped (and logged).
    /// </summary>
    EventSubscription<TEvent> Subscribe<TEvent>(string subscriber, int capacity = EventHub.DefaultCapacity)
        where TEvent : class;
}
