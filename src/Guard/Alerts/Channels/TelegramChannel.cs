namespace Guard.Alerts.Channels;

/// <summary>
/// Telegram Bot API <c>sendMessage</c> to one chat: <c>POST {Url}/bot&lt;token&gt;/sendMessage</c>, HTML parse mode,
/// link previews off. <c>Url</c> is the API base (default https://api.telegram.org), overridable for tests.
/// </summary>
public sealed class TelegramChannel(AlertChannelContext context) : HttpAlertChannel(context)
{
    public const string DefaultApiBase = "https://api.telegram.org";

    /// <summary>Telegram counts characters after entity parsing; counting the escaped HTML is stricter, so safe.</summary>
    public const int MaxTextChars = 4096;

    public Uri Endpoint
    {
        get
        {
            var baseText = Context.Url!.AbsoluteUri.TrimEnd('/');
            return new Uri($"{baseText}/bot{Context.Token}/sendMessage");
        }
    }

    public static string RenderHtml(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var head = $"<b>{TelegramHtml.Escape(AlertText.Title(message))}</b>\n";
        var body = MessageTruncation.ToChars(TelegramHtml.Escape(message.Text), Math.Max(0, MaxTextChars - head.Length), html: true);
        return head + body;
    }

    public byte[] BuildBody(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = RenderHtml(message);
        return JsonBody.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("chat_id", Context.Options.ChatId);
            w.WriteString("text", text);
            w.WriteString("parse_mode", "HTML");
            w.WriteStartObject("link_preview_options");
            w.WriteBoolean("is_disabled", true);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    protected override HttpRequestMessage CreateRequest(AlertMessage message) =>
        new(HttpMethod.Post, Endpoint) { Content = Json(BuildBody(message)) };

    protected override DeliveryResult Classify(HttpReply reply) => TelegramReplyClassifier.Classify(reply);
}
