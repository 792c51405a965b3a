using System.Globalization;
using Guard.Tests.Probing.Classification.Corpus;

namespace Guard.Benchmarks;

/// <summary>
/// Share of corpus replies classified as their expected kind, per kind, with the provider's own base URL ("named")
/// and behind an unknown relay. Prints its own table and the misses; a report, never an assertion.
/// </summary>
internal static class ClassificationReport
{
    public static IEnumerable<BenchmarkRow> Run()
    {
        var replies = ClassificationCorpus.Load();
        var rows = replies.Select(r => (Reply: r, Named: ClassificationCorpus.ClassifyNamed(r), Relay: ClassificationCorpus.ClassifyBehindRelay(r))).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Classification corpus: {replies.Count} replies, {replies.Select(r => r.Provider).Distinct().Count()} providers/relays"));
        Console.WriteLine();
        Console.WriteLine("| Kind | Replies | Named right | Behind a relay right |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Reply.Kind).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal))
        {
            Console.WriteLine($"| {group.Key} | {group.Count()} | {Share(group, r => r.Named.Kind == r.Reply.Kind)} | {Share(group, r => r.Relay.Kind == r.Reply.Kind)} |");
        }

        var named = Share(rows, r => r.Named.Kind == r.Reply.Kind);
        var relay = Share(rows, r => r.Relay.Kind == r.Reply.Kind);
        Console.WriteLine($"| **all** | {rows.Count} | {named} | {relay} |");
        Console.WriteLine();
        foreach (var miss in rows.Where(r => r.Named.Kind != r.Reply.Kind || r.Relay.Kind != r.Reply.Kind))
        {
            Console.WriteLine($"miss: {miss.Reply.Provider} {miss.Reply.Status} expected {miss.Reply.Kind}: named {miss.Named.Kind} ({miss.Named.Rule}), relay {miss.Relay.Kind} ({miss.Relay.Rule})");
        }

        Console.WriteLine();
        yield return new BenchmarkRow("Classification, provider named", "every corpus reply right", named, $"{rows.Count} replies, tests/Guard.Tests/Probing/Classification/Corpus");
        yield return new BenchmarkRow("Classification, behind a relay", "same as named", relay, "unknown base URL and provider id");
    }

    private static string Share<T>(IEnumerable<T> items, Func<T, bool> right)
    {
        var list = items.ToList();
        var ok = list.Count(right);
        return string.Create(CultureInfo.InvariantCulture, $"{ok}/{list.Count} ({100.0 * ok / list.Count:0.#} %)");
    }
}
