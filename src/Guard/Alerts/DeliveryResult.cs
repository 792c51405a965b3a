namespace Guard.Alerts;

/// <summary>
/// One attempt's result. <see cref="Detail"/> is the channel's own error text made actionable
/// (e.g. Feishu 19021 → "signature rejected: check SecretEnv and the clock"), never containing secrets.
/// </summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Detail = null, TimeSpan? RetryAfter = null, int? HttpStatus = null, string? ChannelCode = null)
{
    public static DeliveryResult Delivered { get; } = new(DeliveryOutcome.Delivered);

    public bool Ok => Outcome == DeliveryOutcome.Delivered;
}
