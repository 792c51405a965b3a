using Guard.Configuration;
using Microsoft.Extensions.Logging;

namespace Guard.Alerts.Channels;

/// <summary>
/// Guard's own per-channel limit in front of a channel: without a free slot, <see cref="SendAsync"/> answers
/// Transient with the wait as RetryAfter and does not contact the endpoint.
/// </summary>
public sealed class RateLimitedAlertChannel : IAlertChannel
{
    /// <summary>The ChannelCode of a result that never left Guard.</summary>
    public const string HeldBackCode = "guard-rate-limit";

    private readonly ILogger _logger;

    public RateLimitedAlertChannel(IAlertChannel inner, ChannelRateLimiter limiter, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(logger);
        Inner = inner;
        Limiter = limiter;
        _logger = logger;
    }

    public IAlertChannel Inner { get; }

    public ChannelRateLimiter Limiter { get; }

    public string Name => Inner.Name;

    public AlertChannelType Type => Inner.Type;

    public Task<DeliveryResult> SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Limiter.TryAcquire(out var retryAfter))
        {
            return Inner.SendAsync(message, cancellationToken);
        }

        _logger.HeldBack(message.Id, Name, Limiter.Description, retryAfter);
        return Task.FromResult(new DeliveryResult(
            DeliveryOutcome.Transient,
            $"held back by Guard's own rate limit for this channel ({Limiter.Description}); next slot in {Math.Ceiling(retryAfter.TotalSeconds):0} s",
            retryAfter,
            ChannelCode: HeldBackCode));
    }
}
