using System.Globalization;

namespace Guard.Alerts.Channels;

/// <summary>
/// The <c>{"errcode":…,"errmsg":…}</c> envelope DingTalk and WeCom robots share: parse it once, let each channel
/// name only its own codes.
/// </summary>
internal static class ErrcodeReply
{
    // specific: the channel's own codes, (code, errmsg, code text) → result, or null for "not special".
    public static DeliveryResult Classify(HttpReply reply, string product, string unknownCodeHint,
        Func<long, string, string, DeliveryResult?> specific)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var root = JsonBody.Parse(reply.Body);
        var code = JsonBody.Int(root, "errcode");
        var msg = JsonBody.String(root, "errmsg") ?? "";
        if (code is null)
        {
            return HttpAlertChannel.IsSuccess(reply.Status)
                ? new(DeliveryOutcome.Permanent, $"unexpected reply (not {product} JSON): {HttpAlertChannel.Snippet(reply.Body)}", null, reply.Status)
                : HttpAlertChannel.ByStatus(reply, HttpAlertChannel.Snippet(reply.Body));
        }

        var codeText = code.Value.ToString(CultureInfo.InvariantCulture);
        if (code == 0)
        {
            return new(DeliveryOutcome.Delivered, null, null, reply.Status, codeText);
        }

        return specific(code.Value, msg, codeText)
            ?? (reply.Status >= 500
                ? new(DeliveryOutcome.Transient, $"{product} error: {msg}", reply.RetryAfter, reply.Status, codeText)
                : new(DeliveryOutcome.Permanent, $"{product} error: {msg}{unknownCodeHint}", null, reply.Status, codeText));
    }
}
