namespace Guard.Alerts.Channels;

/// <summary>One log record per attempt, at a level matching its outcome.</summary>
internal static class ChannelResultLogger
{
    public static void Log(AlertChannelContext context, AlertMessage message, string endpoint, DeliveryResult result, TimeSpan elapsed)
    {
        var ms = (long)elapsed.TotalMilliseconds;
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                context.Logger.Delivered(message.Id, context.Name, context.Type, endpoint, ms);
                break;
            case DeliveryOutcome.Transient:
                context.Logger.TransientFailure(message.Id, context.Name, context.Type, endpoint, result.Detail, result.HttpStatus, result.ChannelCode, result.RetryAfter, ms);
                break;
            default:
                context.Logger.PermanentFailure(message.Id, context.Name, context.Type, endpoint, result.Detail, result.HttpStatus, result.ChannelCode, ms);
                break;
        }
    }
}
