using System.Threading.Channels;

namespace Guard.Tracking;

/// <summary>
/// In-process fan-out of transitions: every actor subscribes once and reads its own channel,
/// so a slow actor never delays the tracker or another actor.
/// </summary>
public sealed class TransitionHub
{
    private readonly Lock _gate = new();
    private readonly List<Channel<HealthTransition>> _subscribers = [];

    public ChannelReader<HealthTransition> Subscribe()
    {
        var channel = Channel.CreateUnbounded<HealthTransition>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        return channel.Reader;
    }

    public void Publish(HealthTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(transition);
            }
        }
    }
}
