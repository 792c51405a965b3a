namespace Guard.Alerts.Channels;

/// <summary>DingTalk robot replies: <c>errcode</c> 0 is success; 130101 "send too fast" throttles the robot.</summary>
public static class DingTalkReplyClassifier
{
    public const int SecurityCheckFailed = 310000;
    public const int SendTooFast = 130101;

    /// <summary>DingTalk counts 20 messages per minute; waiting a full minute lets the window pass.</summary>
    public static readonly TimeSpan TooFastRetryAfter = TimeSpan.FromSeconds(60);

    public static DeliveryResult Classify(HttpReply reply) =>
        ErrcodeReply.Classify(reply, "DingTalk", " (check Url/UrlEnv: the access_token)", (code, msg, codeText) => code switch
        {
            SendTooFast => new(DeliveryOutcome.Transient, "DingTalk rate limit (send too fast, 20 per minute): retry in a minute",
                reply.RetryAfter ?? TooFastRetryAfter, reply.Status, codeText),
            SecurityCheckFailed => new(DeliveryOutcome.Permanent, SecurityHint(msg), null, reply.Status, codeText),
            _ => null,
        });

    /// <summary>310000 covers sign, timestamp and keyword failures; the message says which.</summary>
    private static string SecurityHint(string msg)
    {
        if (msg.Contains("sign", StringComparison.OrdinalIgnoreCase))
        {
            return "security check failed (sign not match): check SecretEnv (the SEC… secret)";
        }

        if (msg.Contains("timestamp", StringComparison.OrdinalIgnoreCase))
        {
            return "security check failed (invalid timestamp): check the clock (NTP)";
        }

        if (msg.Contains("keyword", StringComparison.OrdinalIgnoreCase))
        {
            return "security check failed (keyword missing): set Keyword to one of the robot's keywords";
        }

        return $"security check failed ({msg}): check sign/timestamp/keyword (SecretEnv, the clock, Keyword)";
    }
}
