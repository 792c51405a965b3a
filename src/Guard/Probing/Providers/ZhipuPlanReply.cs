using System.Globalization;
using System.Text.Json;
using Guard.Probing.Classification;

namespace Guard.Probing.Providers;

/// <summary>
/// Reads the GLM Coding Plan quota reply (undocumented, providers.md §5):
/// <c>{"success":true,"code":200,"data":{"limits":[{"type":"TOKENS_LIMIT","percentage":&lt;% used&gt;,"nextResetTime":&lt;epoch ms&gt;}]}}</c>.
/// A token limit at 100 % is QuotaExhausted until its reset; TIME_LIMIT counts tool calls (search, MCP), not the model.
/// </summary>
internal static class ZhipuPlanReply
{
    public const string Step = "plan";

    public static StepVerdict Interpret(ProviderResponse response)
    {
        using var document = SuccessBodies.TryParse(response, out var failure);
        if (document is null)
        {
            return failure;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return StepVerdict.Failed(FailureKind.Unknown, "plan quota reply is not a JSON object");
        }

        var code = SuccessBodies.Number(root, "code") is { } c ? (int)c : (int?)null;
        var refused = (root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False) || code is not (null or 0 or 200);
        if (refused || SuccessBodies.HasError(root))
        {
            return Envelope(root, code);
        }

        double? worst = null;
        DateTimeOffset? reset = null;
        foreach (var (percent, resetAt) in TokenLimits(root))
        {
            if (percent >= 100 && (reset is null || resetAt > reset))
            {
                // Several windows full (5 h and weekly): usable again only when the last of them resets.
                reset = resetAt ?? reset;
            }

            worst = Math.Max(worst ?? 0, percent);
        }

        if (worst is not { } used)
        {
            return StepVerdict.Failed(FailureKind.Unknown, "plan quota reply without a token limit");
        }

        var shown = used.ToString("0.#", CultureInfo.InvariantCulture);
        return used >= 100
            ? StepVerdict.Failed(FailureKind.QuotaExhausted, $"GLM Coding Plan token limit {shown} % used{(reset is { } r ? $", resets {r:u}" : "")}") with { ResetAt = reset }
            : StepVerdict.Healthy($"GLM Coding Plan token limit {shown} % used");
    }

    /// <summary>The reply's <c>TOKENS_LIMIT</c> windows (5 h, weekly): percent used and next reset. Shared with the quota watch.</summary>
    public static List<(double Percent, DateTimeOffset? ResetAt)> TokenLimits(JsonElement root)
    {
        var windows = new List<(double, DateTimeOffset?)>(2);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("limits", out var limits) || limits.ValueKind != JsonValueKind.Array)
        {
            return windows;
        }

        foreach (var limit in limits.EnumerateArray())
        {
            if (SuccessBodies.String(limit, "type") is "TOKENS_LIMIT" && SuccessBodies.Number(limit, "percentage") is { } percent)
            {
                var resetAt = SuccessBodies.Number(limit, "nextResetTime") is { } ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : (DateTimeOffset?)null;
                windows.Add((percent, resetAt));
            }
        }

        return windows;
    }

    /// <summary>Zhipu's envelope <c>{"success":false,"code":…,"msg":…}</c>: 401 and 1000–1004 are key problems, 1309 a lapsed plan.</summary>
    private static StepVerdict Envelope(JsonElement root, int? code)
    {
        var message = SuccessBodies.String(root, "msg") ?? SuccessBodies.String(root, "message") ?? "no message";
        var kind = code switch
        {
            401 or (>= 1000 and <= 1004) => FailureKind.AuthFailed,
            1309 => FailureKind.QuotaExhausted,
            _ => FailureKind.Unknown,
        };
        return StepVerdict.Failed(kind, $"plan quota refused (code {code?.ToString(CultureInfo.InvariantCulture) ?? "none"}: {message})");
    }
}
