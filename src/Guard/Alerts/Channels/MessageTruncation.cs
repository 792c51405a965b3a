using System.Globalization;
using System.Text;

namespace Guard.Alerts.Channels;

/// <summary>
/// Cuts text to a channel's size limit and says how much was left out ("…(+N more)", N in characters).
/// Never splits a UTF-8 sequence, a surrogate pair or an HTML entity.
/// </summary>
public static class MessageTruncation
{
    public static string Marker(int omitted) => string.Create(CultureInfo.InvariantCulture, $"…(+{omitted} more)");

    public static int Utf8Length(string? text) => string.IsNullOrEmpty(text) ? 0 : Encoding.UTF8.GetByteCount(text);

    /// <summary>Text whose UTF-8 encoding, marker included, is at most <paramref name="maxBytes"/>.</summary>
    public static string ToUtf8Bytes(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (Utf8Length(text) <= maxBytes)
        {
            return text;
        }

        var total = CountRunes(text);
        var kept = 0;
        var keptRunes = 0;
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            // The marker's own length depends on how much is left out, so it is recomputed for each candidate cut.
            var markerBytes = Utf8Length(Marker(total - keptRunes - 1));
            if (used + rune.Utf8SequenceLength + markerBytes > maxBytes)
            {
                break;
            }

            used += rune.Utf8SequenceLength;
            kept += rune.Utf16SequenceLength;
            keptRunes++;
        }

        var marker = Marker(total - keptRunes);
        return Utf8Length(marker) > maxBytes ? "" : string.Concat(text.AsSpan(0, kept), marker);
    }

    /// <summary>
    /// Text of at most <paramref name="maxChars"/> UTF-16 characters, marker included. When <paramref name="html"/>
    /// is set the text is already HTML-escaped: a cut never lands inside an entity such as <c>&amp;amp;</c>.
    /// </summary>
    public static string ToChars(string text, int maxChars, bool html = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxChars);
        if (text.Length <= maxChars)
        {
            return text;
        }

        // Generous marker budget: the count can only shrink as the cut moves right.
        var budget = Math.Max(0, maxChars - Marker(text.Length).Length);
        var cut = SafeCut(text, budget, html);
        var omitted = CountRunes(text.AsSpan(cut));
        var result = string.Concat(text.AsSpan(0, cut), Marker(omitted));
        return result.Length <= maxChars ? result : "";
    }

    private static int SafeCut(string text, int cut)
    {
        if (cut > 0 && cut < text.Length && char.IsLowSurrogate(text[cut]))
        {
            cut--;
        }

        return cut;
    }

    private static int SafeCut(string text, int cut, bool html)
    {
        cut = SafeCut(text, Math.Min(cut, text.Length));
        if (html)
        {
            // An entity is at most ~10 characters (&#x1F600;): look back for an '&' not yet closed by ';'.
            var amp = text.LastIndexOf('&', Math.Max(0, cut - 1), Math.Min(cut, 12));
            if (amp >= 0 && text.IndexOf(';', amp, cut - amp) < 0)
            {
                cut = amp;
            }
        }

        return cut;
    }

    private static int CountRunes(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
