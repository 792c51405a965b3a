using System.Globalization;
using System.Text.Json;
using Guard.Configuration;

namespace Guard.Alerts.Channels;

/// <summary>
/// Feishu/Lark custom bot (v2 hook). Text or interactive card 1.0; with a secret, every attempt carries a fresh
/// top-level <c>timestamp</c> and <c>sign</c> (<see cref="FeishuSigner"/>).
/// </summary>
public sealed class FeishuChannel(AlertChannelContext context) : HttpAlertChannel(context)
{
    /// <summary>Feishu's documented body limit is 20 KB (the IM FAQ says 30 KB; the stricter one wins).</summary>
    public const int MaxBodyBytes = 20 * 1024;

    public AlertMessageFormat Format => Context.Options.Format ?? AlertMessageFormat.Card;

    /// <summary>The request body for one attempt, signed at <paramref name="now"/> when a secret is configured.</summary>
    public byte[] BuildBody(AlertMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        string? timestamp = null;
        string? sign = null;
        if (!string.IsNullOrEmpty(Context.Secret))
        {
            var seconds = now.ToUnixTimeSeconds();
            timestamp = seconds.ToString(CultureInfo.InvariantCulture);
            sign = FeishuSigner.Sign(seconds, Context.Secret);
        }

        var title = AlertText.Title(message, Context.Options.Keyword);
        return PayloadFitter.Fit(message.Text, MaxBodyBytes, text => JsonBody.Write(w =>
        {
            w.WriteStartObject();
            if (timestamp is not null)
            {
                w.WriteString("timestamp", timestamp);
                w.WriteString("sign", sign);
            }

            if (Format == AlertMessageFormat.Text)
            {
                w.WriteString("msg_type", "text");
                w.WriteStartObject("content");
                w.WriteString("text", $"{title}\n{text}");
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("msg_type", "interactive");
                WriteCard(w, message, title, text);
            }

            w.WriteEndObject();
        }));
    }

    /// <summary>red critical, orange warning, green resolved, blue otherwise.</summary>
    public static string HeaderColour(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Status == AlertStatus.Resolved ? "green"
            : message.Severity switch
            {
                AlertSeverity.Critical => "red",
                AlertSeverity.Warning => "orange",
                _ => "blue",
            };
    }

    protected override HttpRequestMessage CreateRequest(AlertMessage message) =>
        new(HttpMethod.Post, Context.Url) { Content = Json(BuildBody(message, Context.Time.GetUtcNow())) };

    protected override DeliveryResult Classify(HttpReply reply) => FeishuReplyClassifier.Classify(reply);

    private static void WriteCard(Utf8JsonWriter w, AlertMessage message, string title, string text)
    {
        w.WriteStartObject("card");
        w.WriteStartObject("config");
        w.WriteBoolean("wide_screen_mode", true);
        w.WriteEndObject();
        w.WriteStartObject("header");
        w.WriteStartObject("title");
        w.WriteString("tag", "plain_text");
        w.WriteString("content", title);
        w.WriteEndObject();
        w.WriteString("template", HeaderColour(message));
        w.WriteEndObject();
        w.WriteStartArray("elements");
        w.WriteStartObject();
        w.WriteString("tag", "markdown");
        w.WriteString("content", text);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("tag", "note");
        w.WriteStartArray("elements");
        w.WriteStartObject();
        w.WriteString("tag", "plain_text");
        w.WriteString("content", $"Guard · {message.Kind} · {message.Status.ToString().ToLowerInvariant()} · id {message.Id}");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
