using System.Globalization;
using System.Text.RegularExpressions;

namespace Guard.Probing.Classification;

/// <summary>Retry hints in their several spellings: retry-after-ms, Retry-After (seconds or HTTP date), "26s", "after 3 seconds".</summary>
internal static partial class RetryHints
{
    /// <summary>
    /// Longer hints are ignored as absurd: no provider rate-limits for more than a day, daily and monthly quotas
    /// carry their own reset times, and TimeSpan.FromSeconds throws on values like 1e20 a hostile reply can send.
    /// </summary>
    public static readonly TimeSpan MaxPlausible = TimeSpan.FromDays(1);

    public static TimeSpan? FromHeaders(ProviderResponse response, DateTimeOffset now)
    {
        if (response.Header("retry-after-ms") is { } ms
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis)
            && Plausible(millis / 1000) is { } fromMillis)
        {
            return fromMillis;
        }

        return ParseRetryAfter(response.Header("retry-after"), now);
    }

    /// <summary>RFC 9110 Retry-After: delay-seconds or an HTTP date.</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return Plausible(seconds);
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var delay = date - now;
            return delay > MaxPlausible ? null : delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Protobuf Duration JSON text as Google sends it in RetryInfo: "26s", "47.123s".</summary>
    public static TimeSpan? ParseProtoDuration(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !value.EndsWith('s'))
        {
            return null;
        }

        return double.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? Plausible(seconds)
            : null;
    }

    /// <summary>
    /// "please try again after 1 seconds" (Moonshot), "Please retry in 26.6s" (Gemini), and Go durations as Groq and
    /// Go relays print them: "Please try again in 6ms", "try again in 9m38.016s", "1h2m3s".
    /// </summary>
    public static TimeSpan? FromMessage(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        var match = AfterSeconds().Match(message);
        if (match.Success && double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return Plausible(seconds);
        }

        var go = GoDuration().Match(message);
        if (!go.Success || go.Groups["d"].Length == 0)
        {
            return null;
        }

        var total = Part(go, "h") * 3600 + Part(go, "m") * 60 + Part(go, "s") + Part(go, "ms") / 1000;
        return Plausible(total);
    }

    private static double Part(Match match, string unit) =>
        match.Groups[unit].Success && double.TryParse(match.Groups[unit].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>Seconds as a delay, or null when negative, not finite or beyond <see cref="MaxPlausible"/>.</summary>
    private static TimeSpan? Plausible(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0 && seconds <= MaxPlausible.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;

    [GeneratedRegex(@"(?:again after|retry after|retry in|try again in)\s+(?<n>\d+(?:\.\d+)?)\s*(?:s\b|sec|second)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterSeconds();

    [GeneratedRegex(@"(?:again after|retry after|retry in|try again in)\s+(?<d>(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m(?!s))?(?:(?<s>\d+(?:\.\d+)?)s)?(?:(?<ms>\d+(?:\.\d+)?)ms)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();
}
