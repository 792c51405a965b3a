using System.Globalization;

namespace Guard.Quota.Reported;

/// <summary>
/// A rate-limit reset as providers write it: RFC 3339 (Anthropic), a Go duration (OpenAI), epoch milliseconds
/// (OpenRouter), epoch seconds, or a number of seconds from now.
/// </summary>
public static class ResetValue
{
    public static DateTimeOffset? Parse(string? text, DateTimeOffset receivedAt)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && number >= 0)
        {
            return number switch
            {
                >= 1e12 and < 1e14 => DateTimeOffset.FromUnixTimeMilliseconds((long)number),
                >= 1e9 and < 1e11 => DateTimeOffset.FromUnixTimeSeconds((long)number),
                < 1e8 => receivedAt + TimeSpan.FromSeconds(number),
                _ => null,
            };
        }

        if (GoDuration.TryParse(value, out var duration))
        {
            return receivedAt + duration;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
    }
}
