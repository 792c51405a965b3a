using Guard.Alerts.Rendering;
using Guard.Probing;

namespace Guard.Alerts.Sources;

/// <summary>One short line per model, e.g. "google/gemini-3-flash: QuotaExhausted (HTTP 429), 重置 reset 2026-02-13 08:00 UTC".</summary>
public static class AlertLines
{
    public static string Model(string modelId, bool ok, FailureKind? kind, int? httpStatus, DateTimeOffset? retryAt)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        if (ok)
        {
            return $"{modelId}: OK";
        }

        var line = $"{modelId}: {kind ?? FailureKind.Unknown}";
        if (httpStatus is { } status)
        {
            line += $" (HTTP {status})";
        }

        if (retryAt is not null)
        {
            line += kind == FailureKind.QuotaExhausted
                ? $", 重置 reset {AlertFormat.Time(retryAt)}"
                : $", 重试 retry {AlertFormat.Time(retryAt)}";
        }

        return line;
    }
}
