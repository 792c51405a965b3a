using System.Globalization;
using Guard.State;

namespace Guard.OpenClaw.Advice;

/// <summary>One model of a recommended order with what ranked it there.</summary>
public sealed record ChainAdviceEntry(string Id, ModelHealth? Health, bool QuotaCritical, double? HeadroomPercent, double? LatencyMs)
{
    public string Describe()
    {
        var parts = new List<string> { Health?.ToString().ToLowerInvariant() ?? "unknown" };
        if (HeadroomPercent is { } left)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{left:0}% quota left"));
        }

        if (QuotaCritical)
        {
            parts.Add("quota critical");
        }

        if (LatencyMs is { } ms && double.IsFinite(ms))
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms"));
        }

        return $"{Id} ({string.Join(", ", parts)})";
    }
}
