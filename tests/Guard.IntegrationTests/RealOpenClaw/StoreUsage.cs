using System.Text;
using System.Text.Json;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// The oracle for <c>guard quota</c>: token sums per <c>provider/model</c> over the release's own store, read
/// independently of Guard's reader — the JSONL transcripts of 2026.2.x, the SQLite <c>transcript_events</c> (plain or
/// zstd rows) of 2026.9.x. Only assistant messages with usage count, as OpenClaw's own usage report does.
/// </summary>
public static class StoreUsage
{
    public static IReadOnlyDictionary<string, long> TokensByModel(OpenClawTestHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        var agents = Path.Join(home.StateDirectory, "agents");
        foreach (var entry in home.Release.Era == OpenClawEra.SqliteStores ? SqliteEntries(agents) : JsonlEntries(agents))
        {
            Add(totals, entry);
        }

        return totals;
    }

    private static IEnumerable<string> JsonlEntries(string agents) =>
        Directory.EnumerateFiles(agents, "*.jsonl", SearchOption.AllDirectories).SelectMany(File.ReadLines);

    private static IEnumerable<string> SqliteEntries(string agents)
    {
        var lines = new List<string>();
        foreach (var database in Directory.EnumerateFiles(agents, "openclaw-agent.sqlite", SearchOption.AllDirectories))
        {
            // Guard's opener only for the process-wide SQLite provider it sets up (read-only, busy wait); the reading is this file's.
            using var connection = global::Guard.OpenClaw.Stores.OpenClawDatabase.OpenReadOnly(database)!;
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT event_json, event_zstd FROM transcript_events";
            using var reader = command.ExecuteReader();
            using var zstd = new ZstdSharp.Decompressor();
            while (reader.Read())
            {
                lines.Add(!reader.IsDBNull(0) ? reader.GetString(0) : Encoding.UTF8.GetString(zstd.Unwrap((byte[])reader.GetValue(1))));
            }
        }

        return lines;
    }

    private static void Add(Dictionary<string, long> totals, string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            if (!json.RootElement.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("role", out var role) || role.GetString() != "assistant"
                || !message.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            var id = $"{message.GetProperty("provider").GetString()}/{message.GetProperty("model").GetString()}";
            long tokens = usage.TryGetProperty("totalTokens", out var total) && total.ValueKind == JsonValueKind.Number
                ? total.GetInt64()
                : new[] { "input", "output", "cacheRead", "cacheWrite" }.Sum(n => usage.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0);
            totals[id] = totals.GetValueOrDefault(id) + tokens;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Not an entry with usage.
        }
    }
}
