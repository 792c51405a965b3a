using System.Globalization;
using System.Text.Json;
using Guard.Probing.Classification;

namespace Guard.Probing.Providers;

/// <summary>
/// Reads Kimi Code's <c>GET {base}/usages</c> (reverse-engineered, providers.md §4):
/// <c>{"usage":{"limit","remaining","resetTime"},"limits":[{"window":{…},"detail":{"limit","remaining","resetTime"}}]}</c>.
/// Nothing remaining in the period or in a window (e.g. 5 h) is QuotaExhausted until that reset. Numbers may be strings.
/// </summary>
internal static class KimiCodeUsages
{
    public const string Step = "usages";

    public const string Path = "/coding/v1/usages";

    public static StepVerdict Interpret(ProviderResponse response) => SuccessBodies.Read(response, objectRoot: false, Usages);

    private static StepVerdict Usages(ProviderResponse response, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("usage", out var usage) || SuccessBodies.Number(usage, "remaining") is not { } remaining)
        {
            return StepVerdict.Failed(FailureKind.Unknown, "Kimi Code usages reply without usage.remaining");
        }

        var (exhausted, reset) = remaining <= 0 ? (true, Time(usage)) : (false, (DateTimeOffset?)null);
        if (root.TryGetProperty("limits", out var limits) && limits.ValueKind == JsonValueKind.Array)
        {
            foreach (var limit in limits.EnumerateArray())
            {
                if (limit.ValueKind == JsonValueKind.Object && limit.TryGetProperty("detail", out var detail) && SuccessBodies.Number(detail, "remaining") is <= 0)
                {
                    exhausted = true;
                    if (Time(detail) is { } at && (reset is null || at > reset))
                    {
                        reset = at;
                    }
                }
            }
        }

        var left = remaining.ToString("0.##", CultureInfo.InvariantCulture);
        return exhausted
            ? StepVerdict.Failed(FailureKind.QuotaExhausted, $"Kimi Code usage limit reached (remaining {left}){(reset is { } r ? $", resets {r:u}" : "")}") with { ResetAt = reset }
            : StepVerdict.Healthy($"Kimi Code remaining {left}");
    }

    /// <summary><c>resetTime</c> as an ISO timestamp, or epoch seconds / milliseconds.</summary>
    private static DateTimeOffset? Time(JsonElement element)
    {
        if (SuccessBodies.String(element, "resetTime") is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        return SuccessBodies.Number(element, "resetTime") switch
        {
            > 100_000_000_000 and var ms => DateTimeOffset.FromUnixTimeMilliseconds((long)ms),
            > 0 and var s => DateTimeOffset.FromUnixTimeSeconds((long)s),
            _ => null,
        };
    }
}
