using System.Collections.Concurrent;
using Guard.Alerts;
using Guard.Configuration;

namespace Guard.Tests.Alerts;

/// <summary>An in-memory channel: records every attempt (with the fake time) and answers from a script.</summary>
internal sealed class FakeAlertChannel(string name, TimeProvider time) : IAlertChannel
{
    public string Name { get; } = name;

    public AlertChannelType Type => AlertChannelType.Webhook;

    /// <summary>Every attempt, in order, with its result.</summary>
    public ConcurrentQueue<(AlertMessage Message, DateTimeOffset At, DeliveryResult Result)> Attempts { get; } = new();

    /// <summary>Answers an attempt; default: delivered.</summary>
    public Func<AlertMessage, DeliveryResult> Respond { get; set; } = _ => DeliveryResult.Delivered;

    /// <summary>Called before answering (e.g. to look at the outbox file while the send is in flight).</summary>
    public Action<AlertMessage>? OnSend { get; set; }

    public IReadOnlyList<AlertMessage> Delivered => Attempts.Where(a => a.Result.Ok).Select(a => a.Message).ToList();

    public Task<DeliveryResult> SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        OnSend?.Invoke(message);
        var result = Respond(message);
        Attempts.Enqueue((message, time.GetUtcNow(), result));
        return Task.FromResult(result);
    }
}
