namespace Guard.Alerts.Channels.OpenClaw;

/// <summary>One send's classified result: the outbox's view (<see cref="Result"/>) and OpenClaw's (<see cref="Failure"/>, null when delivered).</summary>
public sealed record OpenClawSendVerdict(DeliveryResult Result, OpenClawSendFailure? Failure, string? CliMessage)
{
    public static OpenClawSendVerdict Delivered { get; } = new(DeliveryResult.Delivered, null, null);
}
