using Guard.Configuration;

namespace Guard.Alerts.Channels;

/// <summary>
/// DingTalk custom robot: markdown (default) or text. With a secret, each attempt signs a URL built fresh from the
/// stored one (<see cref="DingTalkSigner.SignedUrl"/>); without one the robot must use keyword security.
/// </summary>
public sealed class DingTalkChannel(AlertChannelContext context) : HttpAlertChannel(context)
{
    public const int MaxBodyBytes = 20 * 1024;

    public AlertMessageFormat Format => Context.Options.Format ?? AlertMessageFormat.Markdown;

    public Uri RequestUrl(DateTimeOffset now) =>
        string.IsNullOrEmpty(Context.Secret) ? Context.Url! : DingTalkSigner.SignedUrl(Context.Url!, now.ToUnixTimeMilliseconds(), Context.Secret);

    public byte[] BuildBody(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var title = AlertText.Title(message, Context.Options.Keyword);
        return PayloadFitter.Fit(message.Text, MaxBodyBytes, text => JsonBody.Write(w =>
        {
            w.WriteStartObject();
            if (Format == AlertMessageFormat.Text)
            {
                w.WriteString("msgtype", "text");
                w.WriteStartObject("text");
                w.WriteString("content", $"{title}\n{text}");
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("msgtype", "markdown");
                w.WriteStartObject("markdown");
                w.WriteString("title", title);

                // DingTalk markdown needs two trailing spaces (or a blank line) for a line break.
                w.WriteString("text", $"### {title}\n\n{text.Replace("\n", "  \n", StringComparison.Ordinal)}");
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }));
    }

    protected override HttpRequestMessage CreateRequest(AlertMessage message) =>
        new(HttpMethod.Post, RequestUrl(Context.Time.GetUtcNow())) { Content = Json(BuildBody(message)) };

    protected override DeliveryResult Classify(HttpReply reply) => DingTalkReplyClassifier.Classify(reply);
}
