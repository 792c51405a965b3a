using System.Text.Json;
using Guard.Probing.Providers;

namespace Guard.Quota.Reported;

/// <summary>
/// Zero-token quota bodies: Moonshot <c>GET /v1/users/me/balance</c>, OpenRouter <c>GET /api/v1/key</c> and the
/// Zhipu coding-plan <c>GET /api/monitor/usage/quota/limit</c>. Tolerant: a missing field gives no reading, never an error.
/// </summary>
public static class BalanceParser
{
    public const string MoonshotSource = "moonshot-balance";

    public const string OpenRouterSource = "openrouter-key";

    public const string ZhipuSource = "zhipu-plan";

    /// <summary><c>{"code":0,"data":{"available_balance":49.58,"voucher_balance":46.58,"cash_balance":3.0},…}</c>.</summary>
    public static ProviderReading? Moonshot(string modelId, ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        using var document = TryParse(body);
        if (Data(document) is not { } data || Number(data, "available_balance") is not { } available)
        {
            return null;
        }

        return new ProviderReading
        {
            ModelId = modelId,
            Source = MoonshotSource,
            Meter = QuotaMeter.Balance,
            Remaining = available,
            ObservedAt = receivedAt,
            Exhausted = available <= 0,
            Note = Number(data, "cash_balance") is { } cash ? $"cash {cash}, voucher {Number(data, "voucher_balance") ?? 0}" : null,
        };
    }

    /// <summary>
    /// <c>{"data":{"limit":10,"limit_remaining":7.5,"limit_reset":"daily",…}}</c>. A null limit is an unlimited key
    /// (no reading). <c>usage</c> is lifetime use, so the window's use is limit − limit_remaining. Resets are UTC.
    /// </summary>
    public static ProviderReading? OpenRouter(string modelId, ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        using var document = TryParse(body);
        if (Data(document) is not { } data || Number(data, "limit") is not { } limit)
        {
            return null;
        }

        var remaining = Number(data, "limit_remaining");
        var reset = String(data, "limit_reset");
        return new ProviderReading
        {
            ModelId = modelId,
            Source = OpenRouterSource,
            Meter = QuotaMeter.Credits,
            Limit = limit,
            Remaining = remaining,
            ResetAt = NextReset(reset, receivedAt),
            ObservedAt = receivedAt,
            Exhausted = remaining is <= 0,
            Note = reset is null ? "no reset" : "limit_reset " + reset,
        };
    }

    /// <summary>
    /// <c>{"data":{"limits":[{"type":"TOKENS_LIMIT","percentage":42,"nextResetTime":&lt;epoch ms&gt;,…}]}}</c>: the
    /// token limit with the highest percentage, as a percent of 100.
    /// </summary>
    public static ProviderReading? Zhipu(string modelId, ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        using var document = TryParse(body);
        if (document is null)
        {
            return null;
        }

        ProviderReading? worst = null;
        foreach (var (percent, reset) in ZhipuPlanReply.TokenLimits(document.RootElement))
        {
            if (worst is null || 100 - percent < worst.Remaining)
            {
                worst = new ProviderReading
                {
                    ModelId = modelId,
                    Source = ZhipuSource,
                    Meter = QuotaMeter.Tokens,
                    Limit = 100,
                    Remaining = Math.Max(0, 100 - percent),
                    ResetAt = reset,
                    ObservedAt = receivedAt,
                    Percentage = true,
                    Note = "plan percentage",
                };
            }
        }

        return worst;
    }

    /// <summary>OpenRouter resets key limits at midnight UTC: daily, Monday for weekly, the 1st for monthly.</summary>
    internal static DateTimeOffset? NextReset(string? period, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return period switch
        {
            "daily" => today.AddDays(1),
            "weekly" => today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 is 0 ? 7 : ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7),
            "monthly" => new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1),
            _ => null,
        };
    }

    private static JsonDocument? TryParse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(body);
        try
        {
            return JsonDocument.TryParseValue(ref reader, out var document) ? document : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Data(JsonDocument? document) =>
        document?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data
            : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
