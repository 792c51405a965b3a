namespace Guard.Alerts.Channels;

/// <summary>Shrinks a message's text until the serialized body fits the channel's byte limit, keeping as much as fits.</summary>
internal static class PayloadFitter
{
    public static byte[] Fit(string text, int maxBytes, Func<string, byte[]> build)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(build);
        var body = build(text);
        if (body.Length <= maxBytes)
        {
            return body;
        }

        // JSON escaping makes body size a monotonic but not linear function of the text budget: binary search it.
        var low = 0;
        var high = Math.Min(MessageTruncation.Utf8Length(text), maxBytes);
        var best = build(MessageTruncation.ToUtf8Bytes(text, 0));
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var candidate = build(MessageTruncation.ToUtf8Bytes(text, middle));
            if (candidate.Length <= maxBytes)
            {
                best = candidate;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return best;
    }
}
