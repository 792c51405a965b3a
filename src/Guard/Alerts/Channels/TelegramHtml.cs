using System.Text;

namespace Guard.Alerts.Channels;

/// <summary>Escaping for Telegram's <c>parse_mode: HTML</c>: only &amp;, &lt; and &gt; need it outside attributes.</summary>
public static class TelegramHtml
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
