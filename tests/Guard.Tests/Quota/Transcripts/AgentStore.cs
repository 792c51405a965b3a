using System.Text;
using Guard.OpenClaw.Stores;
using Microsoft.Data.Sqlite;
using ZstdSharp;

namespace Guard.Tests.Quota.Transcripts;

/// <summary>
/// A real per-agent SQLite store in today's shape (<c>agents/&lt;id&gt;/agent/openclaw-agent.sqlite</c>, WAL mode, table
/// <c>transcript_events</c> with OpenClaw's columns), written the way the gateway writes it: identity rows in
/// <c>event_json</c>, larger ones zstd-compressed in <c>event_zstd</c>.
/// </summary>
internal sealed class AgentStore : IDisposable
{
    private readonly SqliteConnection _connection;

    public AgentStore(string agentsDirectory, string agent = "main")
    {
        // Guard's helper selects the system libsqlite3 once per process; tests writing stores go through it first.
        _ = OpenClawDatabase.OpenReadOnly(System.IO.Path.Combine(agentsDirectory, "none.sqlite"));
        var directory = System.IO.Path.Combine(agentsDirectory, agent, "agent");
        Directory.CreateDirectory(directory);
        Path = OpenClawDatabase.AgentPath(directory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode = WAL");
        Execute("""
            CREATE TABLE IF NOT EXISTS transcript_events (
              session_id TEXT NOT NULL,
              seq INTEGER NOT NULL,
              event_json TEXT,
              created_at INTEGER NOT NULL,
              event_zstd BLOB,
              event_utf8_bytes INTEGER,
              navigation_json TEXT,
              PRIMARY KEY (session_id, seq)
            ) STRICT
            """);
    }

    public string Path { get; }

    /// <summary>Appends entries to a session as the next rows; <paramref name="compress"/> stores them as zstd frames.</summary>
    public void Append(string session, bool compress, params string[] entries)
    {
        foreach (var entry in entries)
        {
            var bytes = Encoding.UTF8.GetBytes(entry);
            if (compress)
            {
                using var compressor = new Compressor(1);
                Insert(session, null, compressor.Wrap(bytes).ToArray(), bytes.Length);
            }
            else
            {
                Insert(session, entry, null, null);
            }
        }
    }

    /// <summary>A row as-is: broken text, a broken frame, or neither column.</summary>
    public void Insert(string session, string? json, byte[]? zstd, long? utf8Bytes)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            INSERT INTO transcript_events (session_id, seq, event_json, created_at, event_zstd, event_utf8_bytes, navigation_json)
            VALUES ($s, (SELECT coalesce(max(seq), -1) + 1 FROM transcript_events WHERE session_id = $s), $j, 0, $z, $n, $nav)
            """;
        command.Parameters.AddWithValue("$s", session);
        command.Parameters.AddWithValue("$j", (object?)json ?? DBNull.Value);
        command.Parameters.AddWithValue("$z", (object?)zstd ?? DBNull.Value);
        command.Parameters.AddWithValue("$n", (object?)utf8Bytes ?? DBNull.Value);
        command.Parameters.AddWithValue("$nav", zstd is null ? DBNull.Value : """{"version":1}""");
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes a session's rows, as OpenClaw does when it moves the session to a deletion archive.</summary>
    public void Delete(string session)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM transcript_events WHERE session_id = $s";
        command.Parameters.AddWithValue("$s", session);
        command.ExecuteNonQuery();
    }

    /// <summary>Writes <c>&lt;session&gt;.jsonl.deleted.&lt;ts&gt;.&lt;hash&gt;.zst</c> in the agent's sessions directory.</summary>
    public static string WriteArchive(string agentsDirectory, string session, string jsonl, string agent = "main", int cutBytes = 0)
    {
        var sessions = System.IO.Path.Combine(agentsDirectory, agent, "sessions");
        Directory.CreateDirectory(sessions);
        var path = System.IO.Path.Combine(sessions, $"{session}.jsonl.deleted.2026-02-12T21-00-00.000Z.3f9a1c.zst");
        using var compressor = new Compressor(3);
        var frame = compressor.Wrap(Encoding.UTF8.GetBytes(jsonl)).ToArray();
        File.WriteAllBytes(path, frame[..^cutBytes]);
        return path;
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
