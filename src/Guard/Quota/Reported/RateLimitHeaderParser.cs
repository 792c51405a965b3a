using System.Globalization;

namespace Guard.Quota.Reported;

/// <summary>
/// Turns captured rate-limit headers into readings: Anthropic <c>anthropic-ratelimit-{requests,tokens,input-tokens,
/// output-tokens}-{limit,remaining,reset}</c>, OpenAI <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c>,
/// and the plain <c>x-ratelimit-{limit,remaining,reset}</c> (OpenRouter, Kimi; counted as requests).
/// </summary>
public static class RateLimitHeaderParser
{
    private static readonly string[] AnthropicGroups = ["requests", "tokens", "input-tokens", "output-tokens"];

    private static readonly string[] OpenAiGroups = ["requests", "tokens"];

    public static IReadOnlyList<ProviderReading> Parse(string modelId, IReadOnlyDictionary<string, string> headers, DateTimeOffset receivedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        ArgumentNullException.ThrowIfNull(headers);
        var lookup = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        var readings = new List<ProviderReading>();
        foreach (var group in AnthropicGroups)
        {
            Add(readings, modelId, $"anthropic-ratelimit-{group}", MeterOf(group), receivedAt,
                Get(lookup, $"anthropic-ratelimit-{group}-limit"), Get(lookup, $"anthropic-ratelimit-{group}-remaining"), Get(lookup, $"anthropic-ratelimit-{group}-reset"));
        }

        foreach (var group in OpenAiGroups)
        {
            Add(readings, modelId, $"x-ratelimit-{group}", MeterOf(group), receivedAt,
                Get(lookup, $"x-ratelimit-limit-{group}"), Get(lookup, $"x-ratelimit-remaining-{group}"), Get(lookup, $"x-ratelimit-reset-{group}"));
        }

        Add(readings, modelId, "x-ratelimit", QuotaMeter.Requests, receivedAt,
            Get(lookup, "x-ratelimit-limit"), Get(lookup, "x-ratelimit-remaining"), Get(lookup, "x-ratelimit-reset"));
        return readings;
    }

    private static QuotaMeter MeterOf(string group) => group == "requests" ? QuotaMeter.Requests : QuotaMeter.Tokens;

    private static string? Get(Dictionary<string, string> headers, string name) => headers.TryGetValue(name, out var value) ? value : null;

    private static void Add(
        List<ProviderReading> readings, string modelId, string source, QuotaMeter meter, DateTimeOffset receivedAt, string? limit, string? remaining, string? reset)
    {
        var limitValue = Number(limit);
        var remainingValue = Number(remaining);
        if (limitValue is null && remainingValue is null)
        {
            return;
        }

        readings.Add(new ProviderReading
        {
            ModelId = modelId,
            Source = source,
            Meter = meter,
            Limit = limitValue,
            Remaining = remainingValue,
            ResetAt = ResetValue.Parse(reset, receivedAt),
            ObservedAt = receivedAt,
        });
    }

    private static double? Number(string? text) =>
        double.TryParse(text?.Split(',')[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
            ? value
            : null;
}
