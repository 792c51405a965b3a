using System.Text.Json;
using Guard.State;

namespace Guard.Recovery;

/// <summary>
/// <c>&lt;DataDirectory&gt;/.guard_manual_restarts.json</c>: restarts made by <c>guard restart-gateway</c>. A running
/// service keeps its state in memory and rewrites <c>.api_health_state.json</c> on every change, which would drop a
/// record the command wrote there. This file is written only by the command; the service merges it into its state
/// before every budget check (and on each gateway health check), so a manual restart always counts against the budget.
/// </summary>
public static class ManualRestartLog
{
    public const string FileName = ".guard_manual_restarts.json";

    /// <summary>Only the budget window matters; older entries are dropped.</summary>
    public const int Limit = 50;

    public static string PathIn(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        return Path.Combine(dataDirectory, FileName);
    }

    /// <summary>Missing, unreadable or malformed → empty: the log only ever adds safety.</summary>
    public static IReadOnlyList<RestartRecord> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var records = JsonSerializer.Deserialize(File.ReadAllBytes(path), RecoveryJsonContext.Default.ListRestartRecord);
            return records?.Where(r => r is not null).ToList() ?? [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return [];
        }
    }

    /// <summary>Adds <paramref name="record"/>, or replaces the entry with the same time and trigger, atomically (0600).</summary>
    public static void Upsert(string path, RestartRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var records = Read(path).ToList();
        records.RemoveAll(r => SameRestart(r, record));
        records.Add(record);
        records = [.. records.OrderBy(r => r.At).TakeLast(Limit)];
        AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(records, RecoveryJsonContext.Default.ListRestartRecord));
    }

    /// <summary>Adds to <paramref name="state"/> the records it lacks (same time and trigger), keeping oldest first; returns how many.</summary>
    public static int MergeInto(GuardState state, IReadOnlyList<RestartRecord> records)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(records);
        var added = 0;
        foreach (var record in records)
        {
            var index = state.Restarts.FindIndex(r => SameRestart(r, record));
            if (index < 0)
            {
                state.Restarts.Add(record);
                added++;
            }
            else if (state.Restarts[index].Verified is null && record.Verified is not null)
            {
                // The command finished a restart the service had only seen as started.
                state.Restarts[index] = record;
                added++;
            }
        }

        if (added > 0)
        {
            state.Restarts.Sort((a, b) => a.At.CompareTo(b.At));
        }

        return added;
    }

    /// <summary>Whether <paramref name="state"/> would change by merging <paramref name="records"/>.</summary>
    public static bool HasNew(GuardState state, IReadOnlyList<RestartRecord> records)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(records);
        return records.Any(record =>
        {
            var existing = state.Restarts.Find(r => SameRestart(r, record));
            return existing is null || (existing.Verified is null && record.Verified is not null);
        });
    }

    private static bool SameRestart(RestartRecord a, RestartRecord b) => a.At == b.At && a.Trigger == b.Trigger;
}
