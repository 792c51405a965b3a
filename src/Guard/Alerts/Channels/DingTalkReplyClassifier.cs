using System.Globalization;

namespace Guard.Alerts.Channels;

/// <summary>DingTalk robot replies: <c>errcode</c> 0 is success; 130101 "send too fast" throttles the robot.</summary>
public static class DingTalkReplyClassifier
{
    public const int SecurityCheckFailed = 310000;
    public const int SendTooFast = 130101;

    /// <summary>DingTalk counts 20 messages per minute; waiting a full minute lets the window pass.</summary>
    public static readonly TimeSpan TooFastRetryAfter = TimeSpan.FromSeconds(60);

    public static DeliveryResult Classify(HttpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var root = JsonBody.Parse(reply.Body);
        var code = JsonBody.Int(root, "errcode");
        var msg = JsonBody.String(root, "errmsg") ?? "";
        if (code is null)
        {
            return HttpAlertChannel.IsSuccess(reply.Status)
                ? new(DeliveryOutcome.Permanent, $"unexpected reply (not DingTalk JSON): {HttpAlertChannel.Snippet(reply.Body)}", null, reply.Status)
                : HttpAlertChannel.ByStatus(reply, HttpAlertChannel.Snippet(reply.Body));
        }

        var codeText = code.Value.ToString(CultureInfo.InvariantCulture);
        return code switch
        {
            0 => new(DeliveryOutcome.Delivered, null, null, reply.Status, codeText),
            SendTooFast => new(DeliveryOutcome.Transient, "DingTalk rate limit (send too fast, 20 per minute): retry in a minute",
                reply.RetryAfter ?? TooFastRetryAfter, reply.Status, codeText),
            SecurityCheckFailed => new(DeliveryOutcome.Permanent, SecurityHint(msg), null, reply.Status, codeText),
            _ when reply.Status >= 500 => new(DeliveryOutcome.Transient, $"DingTalk error: {msg}", reply.RetryAfter, reply.Status, codeText),
            _ => new(DeliveryOutcome.Permanent, $"DingTalk error: {msg} (check Url/UrlEnv: the access_token)", null, reply.Status, codeText),
        };
    }

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
