using System.Threading.Channels;

namespace Guard.Events;

/// <summary>One subscriber's channel for one event type; disposing it stops delivery and completes the reader.</summary>
public sealed class EventSubscription<TEvent> : IDisposable
    where TEvent : class
{
    private readonly Channel<TEvent> _channel;
    private readonly Action<EventSubscription<TEvent>> _unsubscribe;
    private int _disposed;

    internal EventSubscription(string subscriber, Channel<TEvent> channel, Action<EventSubscription<TEvent>> unsubscribe)
    {
        Subscriber = subscriber;
        _channel = channel;
        _unsubscribe = unsubscribe;
    }

    /// <summary>Who reads this channel (named in the drop log).</summary>
    public string Subscriber { get; }

    public ChannelReader<TEvent> Reader => _channel.Reader;

    /// <summary>Never blocks: a full channel drops its oldest event instead.</summary>
    internal void Deliver(TEvent message) => _channel.Writer.TryWrite(message);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe(this);
            _channel.Writer.TryComplete();
        }
    }
}
