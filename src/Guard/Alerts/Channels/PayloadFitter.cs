namespace Guard.Alerts.Channels;

/// <summary>Shrinks a message's text until the serialized body fits the channel's byte limit.</summary>
internal static class PayloadFitter
{
    private const int MaxRounds = 8;

    public static byte[] Fit(string text, int maxBytes, Func<string, byte[]> build)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(build);
        var body = build(text);
        var budget = MessageTruncation.Utf8Length(text);
        for (var round = 0; body.Length > maxBytes && round < MaxRounds && budget > 0; round++)
        {
            // JSON escaping only ever adds bytes, so cutting the text by the overflow shrinks the body at least as much.
            budget = Math.Max(0, budget - (body.Length - maxBytes) - 1);
            body = build(MessageTruncation.ToUtf8Bytes(text, budget));
        }

        return body;
    }
}
