using Guard.Configuration;

namespace Guard.Alerts.Channels;

/// <summary>WeCom (企业微信) group robot, <c>?key=</c> URL, no signing. Markdown content ≤ 4096 bytes, text ≤ 2048 bytes.</summary>
public sealed class WeComChannel(AlertChannelContext context) : HttpAlertChannel(context)
{
    public const int MaxMarkdownBytes = 4096;
    public const int MaxTextBytes = 2048;

    public AlertMessageFormat Format => Context.Options.Format ?? AlertMessageFormat.Markdown;

    public byte[] BuildBody(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var title = AlertText.Title(message);
        var markdown = Format != AlertMessageFormat.Text;

        // The limit is on the content field alone, not the whole body.
        var content = markdown
            ? MessageTruncation.ToUtf8Bytes($"**{title}**\n{message.Text}", MaxMarkdownBytes)
            : MessageTruncation.ToUtf8Bytes($"{title}\n{message.Text}", MaxTextBytes);
        return JsonBody.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("msgtype", markdown ? "markdown" : "text");
            w.WriteStartObject(markdown ? "markdown" : "text");
            w.WriteString("content", content);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    protected override HttpRequestMessage CreateRequest(AlertMessage message) =>
        new(HttpMethod.Post, Context.Url) { Content = Json(BuildBody(message)) };

    protected override DeliveryResult Classify(HttpReply reply) => WeComReplyClassifier.Classify(reply);
}
