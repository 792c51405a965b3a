using System.Globalization;
using Guard.Configuration;
using Guard.Probing;

namespace Guard.Drill;

/// <summary>
/// <c>guard drill auth</c>: probes every model in the effective chain with a corrupted key and checks each provider
/// answer is classified as an auth failure — proof that a revoked key will be reported as such. Costs no tokens.
/// </summary>
public static class AuthDrill
{
    public static async Task<IReadOnlyList<AuthDrillRow>> RunAsync(
        IModelProber prober, IReadOnlyList<ModelDefinition> chain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prober);
        ArgumentNullException.ThrowIfNull(chain);
        var probes = chain.Select(async model =>
        {
            // Reach is free; a model with only the 1-token tier is still safe, since a bad key is refused before any work.
            var tier = model.Tiers.Contains(ProbeTier.Reach) ? ProbeTier.Reach : ProbeTier.Deep;
            var result = await prober.ProbeAsync(model, tier, cancellationToken).ConfigureAwait(false);
            return Judge(model, tier, result);
        });
        return await Task.WhenAll(probes).ConfigureAwait(false);
    }

    internal static AuthDrillRow Judge(ModelDefinition model, ProbeTier tier, ProbeResult result)
    {
        var kind = result.Ok ? (FailureKind?)null : result.Kind ?? FailureKind.Unknown;
        var tierName = tier.ToString().ToLowerInvariant();
        return kind switch
        {
            FailureKind.AuthFailed or FailureKind.Forbidden => new(model.Id, tierName, true, kind, result.HttpStatus, $"{kind} as expected"),
            FailureKind.Network or FailureKind.Timeout => new(model.Id, tierName, false, kind, result.HttpStatus,
                $"could not reach the provider ({kind}: {result.Message})"),
            null => new(model.Id, tierName, false, null, result.HttpStatus, "the corrupted key was ACCEPTED: the provider did not check it"),
            _ => new(model.Id, tierName, false, kind, result.HttpStatus, $"misclassified: {kind} ({result.Message})"),
        };
    }

    public static void Print(TextWriter output, IReadOnlyList<AuthDrillRow> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        var header = new[] { "RESULT", "MODEL", "TIER", "HTTP", "VERDICT" };
        var cells = rows.Select(r => new[]
        {
            r.Passed ? "PASS" : "FAIL", r.ModelId, r.Tier, r.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "-", r.Verdict,
        }).ToList();
        var widths = Enumerable.Range(0, header.Length - 1).Select(c => cells.Select(row => row[c].Length).Append(header[c].Length).Max()).ToArray();
        output.WriteLine(Line(header, widths));
        foreach (var row in cells)
        {
            output.WriteLine(Line(row, widths));
        }

        output.WriteLine();
        var passed = rows.Count(r => r.Passed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{passed} of {rows.Count} models report a bad key as AuthFailed/Forbidden (probed with a corrupted key; the real keys were not used)."));
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i < widths.Length ? c.PadRight(widths[i]) : c)).TrimEnd();
}
