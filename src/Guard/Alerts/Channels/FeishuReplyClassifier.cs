using System.Globalization;

namespace Guard.Alerts.Channels;

/// <summary>
/// Feishu answers HTTP 200 even on errors: success ⇔ <c>code == 0</c> (legacy replies: <c>StatusCode == 0</c>).
/// Any "frequency limited" / "too many request" message is retryable whatever its code.
/// </summary>
public static class FeishuReplyClassifier
{
    public const int RateLimited = 11232;
    public const int TokenInvalid = 19001;
    public const int BadMessageType = 19002;
    public const int SignatureRejected = 19021;
    public const int IpNotAllowed = 19022;
    public const int KeywordMissing = 19024;
    public const int BadRequest = 9499;

    public static DeliveryResult Classify(HttpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var root = JsonBody.Parse(reply.Body);
        var code = JsonBody.Int(root, "code") ?? JsonBody.Int(root, "StatusCode");
        var msg = JsonBody.String(root, "msg") ?? JsonBody.String(root, "StatusMessage") ?? "";
        var codeText = code?.ToString(CultureInfo.InvariantCulture);
        if (IsFrequencyLimited(msg) || code == RateLimited)
        {
            return new(DeliveryOutcome.Transient, "Feishu rate limit (frequency limited): retry later", reply.RetryAfter, reply.Status, codeText ?? "");
        }

        if (code is null)
        {
            return HttpAlertChannel.IsSuccess(reply.Status)
                ? new(DeliveryOutcome.Permanent, $"unexpected reply (not Feishu JSON): {HttpAlertChannel.Snippet(reply.Body)}", null, reply.Status)
                : HttpAlertChannel.ByStatus(reply, HttpAlertChannel.Snippet(reply.Body));
        }

        if (code == 0)
        {
            return new(DeliveryOutcome.Delivered, null, null, reply.Status, codeText);
        }

        var detail = code switch
        {
            SignatureRejected => "signature rejected: check SecretEnv and the clock (NTP)",
            TokenInvalid => "webhook token invalid or the bot was removed from the group: check Url/UrlEnv",
            KeywordMissing => "keyword missing: set Keyword to one of the bot's security keywords",
            IpNotAllowed => "this host's IP is not in the bot's IP allow-list",
            BadMessageType => $"message type rejected ({msg}): try Format Text",
            BadRequest => $"bad request ({msg}): Feishu could not parse the body",
            _ => $"Feishu error: {msg}",
        };
        var outcome = reply.Status >= 500 && code is not (SignatureRejected or TokenInvalid or KeywordMissing or IpNotAllowed or BadMessageType or BadRequest)
            ? DeliveryOutcome.Transient
            : DeliveryOutcome.Permanent;
        return new(outcome, detail, outcome == DeliveryOutcome.Transient ? reply.RetryAfter : null, reply.Status, codeText);
    }

    private static bool IsFrequencyLimited(string msg) =>
        msg.Contains("frequency limited", StringComparison.OrdinalIgnoreCase) || msg.Contains("too many request", StringComparison.OrdinalIgnoreCase);
}
