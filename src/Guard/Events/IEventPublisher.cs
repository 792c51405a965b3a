namespace Guard.Events;

/// <summary>Publishes an in-process event to every subscriber of its type; never waits for a subscriber.</summary>
public interface IEventPublisher
{
    void Publish<TEvent>(TEvent message)
        where TEvent : class;
}
