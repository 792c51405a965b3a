namespace Guard.Alerts.Channels;

/// <summary>WeCom group-robot replies: <c>errcode</c> 0 is success.</summary>
public static class WeComReplyClassifier
{
    public const int InvalidWebhookUrl = 93000;
    public const int FrequencyLimit = 45009;
    public const int TooLong = 40058;

    public static readonly TimeSpan FrequencyRetryAfter = TimeSpan.FromSeconds(60);

    public static DeliveryResult Classify(HttpReply reply) =>
        ErrcodeReply.Classify(reply, "WeCom", "", (code, msg, codeText) => code switch
        {
            FrequencyLimit => new(DeliveryOutcome.Transient, "WeCom rate limit (api freq out of limit, 20 per minute): retry in a minute",
                reply.RetryAfter ?? FrequencyRetryAfter, reply.Status, codeText),
            InvalidWebhookUrl => new(DeliveryOutcome.Permanent, "invalid webhook URL: check Url/UrlEnv (the key)", null, reply.Status, codeText),
            TooLong => new(DeliveryOutcome.Permanent, $"message too long ({msg})", null, reply.Status, codeText),
            _ => null,
        });
}
