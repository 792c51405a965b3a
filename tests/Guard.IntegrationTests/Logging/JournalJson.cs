using System.Text.Json;

namespace Guard.IntegrationTests.Logging;

/// <summary>Reads <c>journalctl -o json</c> output: one entry per line, its string fields by name.</summary>
internal static class JournalJson
{
    public static List<Dictionary<string, string>> Entries(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal))
            .ToList();
}
