using System.Globalization;
using System.Text.RegularExpressions;

namespace Guard.Probing.Classification;

/// <summary>Reset moments that providers state in prose or imply by their quota windows.</summary>
internal static partial class ResetTimes
{
    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    /// <summary>Anthropic spend cap: "You will regain access on 2026-09-01 at 00:00 UTC."</summary>
    public static DateTimeOffset? AnthropicRegainAccess(string message)
    {
        var match = RegainAccess().Match(message);
        return match.Success
            && DateTimeOffset.TryParseExact(
                match.Groups["d"].Value + "T" + match.Groups["t"].Value, "yyyy-MM-dd'T'HH:mm",
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
    }

    /// <summary>Zhipu 1308/1310: "Your limit will reset at 2026-08-27 21:31:39", Beijing time (UTC+8).</summary>
    public static DateTimeOffset? ZhipuFlushTime(string message)
    {
        var match = LocalTimestamp().Match(message);
        if (!match.Success || !DateTime.TryParseExact(
            match.Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), BeijingOffset);
    }

    /// <summary>Zhipu 1304 daily limit resets at the next Beijing midnight.</summary>
    public static DateTimeOffset NextBeijingMidnight(DateTimeOffset now) => NextMidnight(now.ToOffset(BeijingOffset));

    /// <summary>Gemini requests-per-day quotas reset at midnight Pacific time.</summary>
    public static DateTimeOffset NextPacificMidnight(DateTimeOffset now)
    {
        var zone = Pacific();
        var local = zone is null ? now.ToOffset(TimeSpan.FromHours(-8)) : TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date.AddDays(1);
        var offset = zone?.GetUtcOffset(midnight) ?? TimeSpan.FromHours(-8);
        return new DateTimeOffset(midnight, offset);
    }

    /// <summary>OpenRouter's free-model daily cap resets at UTC midnight when no header says otherwise.</summary>
    public static DateTimeOffset NextUtcMidnight(DateTimeOffset now) => NextMidnight(now.ToUniversalTime());

    private static DateTimeOffset NextMidnight(DateTimeOffset local) => new(local.Date.AddDays(1), local.Offset);

    private static TimeZoneInfo? Pacific()
    {
        // tzdata may be missing in slim containers; a fixed PST offset is then close enough.
        return TimeZoneInfo.TryFindSystemTimeZoneById("America/Los_Angeles", out var zone) ? zone : null;
    }

    [GeneratedRegex(@"regain access on (?<d>\d{4}-\d{2}-\d{2}) at (?<t>\d{2}:\d{2}) UTC", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RegainAccess();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex LocalTimestamp();
}
