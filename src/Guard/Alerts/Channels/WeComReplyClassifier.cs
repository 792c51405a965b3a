using System.Globalization;

namespace Guard.Alerts.Channels;

/// <summary>WeCom group-robot replies: <c>errcode</c> 0 is success.</summary>
public static class WeComReplyClassifier
{
    public const int InvalidWebhookUrl = 93000;
    public const int FrequencyLimit = 45009;
    public const int TooLong = 40058;

    public static readonly TimeSpan FrequencyRetryAfter = TimeSpan.FromSeconds(60);

    public static DeliveryResult Classify(HttpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var root = JsonBody.Parse(reply.Body);
        var code = JsonBody.Int(root, "errcode");
        var msg = JsonBody.String(root, "errmsg") ?? "";
        if (code is null)
        {
            return HttpAlertChannel.IsSuccess(reply.Status)
                ? new(DeliveryOutcome.Permanent, $"unexpected reply (not WeCom JSON): {HttpAlertChannel.Snippet(reply.Body)}", null, reply.Status)
                : HttpAlertChannel.ByStatus(reply, HttpAlertChannel.Snippet(reply.Body));
        }

        var codeText = code.Value.ToString(CultureInfo.InvariantCulture);
        return code switch
        {
            0 => new(DeliveryOutcome.Delivered, null, null, reply.Status, codeText),
            FrequencyLimit => new(DeliveryOutcome.Transient, "WeCom rate limit (api freq out of limit, 20 per minute): retry in a minute",
                reply.RetryAfter ?? FrequencyRetryAfter, reply.Status, codeText),
            InvalidWebhookUrl => new(DeliveryOutcome.Permanent, "invalid webhook URL: check Url/UrlEnv (the key)", null, reply.Status, codeText),
            TooLong => new(DeliveryOutcome.Permanent, $"message too long ({msg})", null, reply.Status, codeText),
            _ when reply.Status >= 500 => new(DeliveryOutcome.Transient, $"WeCom error: {msg}", reply.RetryAfter, reply.Status, codeText),
            _ => new(DeliveryOutcome.Permanent, $"WeCom error: {msg}", null, reply.Status, codeText),
        };
    }
}
