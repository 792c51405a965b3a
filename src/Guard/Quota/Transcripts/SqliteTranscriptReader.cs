using System.Text;
using Guard.OpenClaw.Stores;
using Microsoft.Data.Sqlite;

namespace Guard.Quota.Transcripts;

/// <summary>
/// Reads new rows of today's OpenClaw transcripts (2026.7.2 on): <c>agents/&lt;id&gt;/agent/openclaw-agent.sqlite</c>,
/// table <c>transcript_events(session_id, seq, event_json TEXT | event_zstd BLOB)</c>, each row one entry of the shape the
/// JSONL lines had. Incremental by <c>(session_id, seq)</c> with a cursor per session; a store whose database and WAL
/// files are unchanged since the last pass is not even opened. Read-only through <see cref="OpenClawDatabase"/>: never a
/// write, never a long transaction, a short busy wait. Not thread-safe: one caller owns it.
/// </summary>
public sealed class SqliteTranscriptReader
{
    /// <summary>OpenClaw compresses rows of 1 KiB to 4 MiB; anything decoding larger is not one of its rows.</summary>
    private const int MaxRowBytes = 16 * 1024 * 1024;

    private readonly Dictionary<string, TranscriptSessionCursor> _cursors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long, long, long, long)> _fileStamps = new(StringComparer.Ordinal);
    private readonly ModelIdCache _ids = new();

    /// <summary>Cursors by <c>"&lt;agent&gt;/&lt;session id&gt;"</c> (persist these).</summary>
    public IReadOnlyDictionary<string, TranscriptSessionCursor> Cursors => _cursors;

    public static string Key(string agent, string sessionId) => agent + "/" + sessionId;

    /// <summary>Replaces the in-memory cursors with persisted ones (at start-up).</summary>
    public void Load(IReadOnlyDictionary<string, TranscriptSessionCursor> cursors)
    {
        ArgumentNullException.ThrowIfNull(cursors);
        _cursors.Clear();
        _fileStamps.Clear();
        foreach (var (key, cursor) in cursors)
        {
            _cursors[key] = new TranscriptSessionCursor { LastSeq = cursor.LastSeq, Turns = cursor.Turns, LastSeen = cursor.LastSeen };
        }
    }

    /// <summary>Assistant turns already counted from a session's rows (its deletion archive skips these).</summary>
    public long TurnsCounted(string agent, string sessionId) => _cursors.TryGetValue(Key(agent, sessionId), out var cursor) ? cursor.Turns : 0;

    /// <summary>Every agent's store under <paramref name="agentsDirectory"/>: (agent id, database path).</summary>
    public static IEnumerable<(string Agent, string Path)> Stores(string agentsDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentsDirectory);
        var agents = new DirectoryInfo(agentsDirectory);
        if (!agents.Exists)
        {
            return [];
        }

        try
        {
            return agents.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal)
                .Select(d => (d.Name, OpenClawDatabase.AgentPath(Path.Combine(d.FullName, "agent"))))
                .Where(s => File.Exists(s.Item2))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Reads what is new in every agent's store into <paramref name="scan"/>; never throws for store content or a busy store.</summary>
    public void Scan(string agentsDirectory, DateTimeOffset now, TranscriptScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        foreach (var (agent, path) in Stores(agentsDirectory))
        {
            scan.StoresSeen++;
            var stamp = Stamp(path);
            if (_fileStamps.TryGetValue(path, out var known) && known == stamp)
            {
                continue;
            }

            try
            {
                ScanStore(agent, path, now, scan);
                _fileStamps[path] = stamp;
            }
            catch (SqliteException)
            {
                // Busy beyond the short wait, or not (yet) a database: the next pass tries again from the same cursors.
                scan.StoresUnreadable++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                scan.StoresUnreadable++;
            }
        }
    }

    /// <summary>Forgets cursors of sessions not seen since <paramref name="before"/> (deleted long ago, their archives read).</summary>
    public void Forget(DateTimeOffset before)
    {
        foreach (var key in _cursors.Where(p => p.Value.LastSeen < before).Select(p => p.Key).ToList())
        {
            _cursors.Remove(key);
        }
    }

    private void ScanStore(string agent, string path, DateTimeOffset now, TranscriptScan scan)
    {
        using var connection = OpenClawDatabase.OpenReadOnly(path);
        if (connection is null || !OpenClawDatabase.HasTable(connection, "transcript_events"))
        {
            return;
        }

        scan.StoresRead++;
        var compressed = HasColumn(connection, "transcript_events", "event_zstd");
        var changed = new List<(string Session, long LastSeq)>();
        using (var heads = connection.CreateCommand())
        {
            heads.CommandText = "SELECT session_id, MAX(seq) FROM transcript_events GROUP BY session_id ORDER BY session_id";
            using var rows = heads.ExecuteReader();
            while (rows.Read())
            {
                var session = rows.GetString(0);
                var cursor = _cursors.TryGetValue(Key(agent, session), out var c) ? c : null;
                if (cursor is not null)
                {
                    cursor.LastSeen = now;
                }

                if (cursor is null || rows.GetInt64(1) > cursor.LastSeq)
                {
                    changed.Add((session, cursor?.LastSeq ?? long.MinValue));
                }
            }
        }

        foreach (var (session, after) in changed)
        {
            ReadSession(connection, agent, session, after, compressed, now, scan);
        }
    }

    private void ReadSession(SqliteConnection connection, string agent, string session, long after, bool compressed, DateTimeOffset now, TranscriptScan scan)
    {
        var key = Key(agent, session);
        scan.ReadingHistory = !_cursors.TryGetValue(key, out var cursor);
        cursor ??= _cursors[key] = new TranscriptSessionCursor { LastSeen = now };
        scan.SessionsRead++;
        using var command = connection.CreateCommand();
        command.CommandText = compressed
            ? "SELECT seq, event_json, event_zstd FROM transcript_events WHERE session_id = $session AND seq > $after ORDER BY seq"
            : "SELECT seq, event_json, NULL FROM transcript_events WHERE session_id = $session AND seq > $after ORDER BY seq";
        command.Parameters.AddWithValue("$session", session);
        command.Parameters.AddWithValue("$after", after);
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            var seq = rows.GetInt64(0);
            var entry = Entry(rows);
            scan.RowsRead++;
            if (entry is null)
            {
                scan.MalformedLines++;
            }
            else
            {
                scan.BytesRead += entry.Length;
                switch (TranscriptEntryParser.Parse(entry, _ids, out var turn))
                {
                    case TranscriptEntryParser.Result.Turn:
                        scan.Add(in turn);
                        cursor.Turns++;
                        break;
                    case TranscriptEntryParser.Result.Malformed:
                        scan.MalformedLines++;
                        break;
                }
            }

            cursor.LastSeq = seq;
        }
    }

    /// <summary>The row's entry as UTF-8: the text column, or the zstd body decoded; null when neither is readable.</summary>
    private static byte[]? Entry(SqliteDataReader rows)
    {
        if (!rows.IsDBNull(1))
        {
            return Encoding.UTF8.GetBytes(rows.GetString(1));
        }

        if (rows.IsDBNull(2))
        {
            return null;
        }

        var frame = (byte[])rows.GetValue(2);
        return ZstdFrames.TryDecode(frame, MaxRowBytes);
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM pragma_table_info($table) WHERE name = $column";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$column", column);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Length and mtime of the database and its WAL: a commit changes one of them.</summary>
    private static (long, long, long, long) Stamp(string path)
    {
        var db = new FileInfo(path);
        var wal = new FileInfo(path + "-wal");
        return (db.Exists ? db.Length : -1, db.Exists ? db.LastWriteTimeUtc.Ticks : 0, wal.Exists ? wal.Length : -1, wal.Exists ? wal.LastWriteTimeUtc.Ticks : 0);
    }
}
