using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Guard.OpenClaw.Stores;

/// <summary>
/// Read-only access to OpenClaw's SQLite stores (<c>state/openclaw.sqlite</c>, <c>agents/&lt;id&gt;/agent/openclaw-agent.sqlite</c>).
/// OpenClaw documents the schema as private and runs them in WAL mode: Guard opens them read-only, never writes, never
/// holds a transaction, and gives up after a short busy wait rather than block the gateway. Through the system
/// libsqlite3 (no bundled copy).
/// </summary>
public static class OpenClawDatabase
{
    private static readonly TimeSpan BusyWait = TimeSpan.FromMilliseconds(250);

    static OpenClawDatabase()
    {
        // SQLitePCL's provider is process-wide by its own design; set once, here, before any connection exists.
        NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_sqlite3).Assembly, static (name, _, _) =>
            name == "sqlite3" && NativeLibrary.TryLoad("libsqlite3.so.0", out var handle) ? handle : IntPtr.Zero);
        SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_sqlite3());
    }

    /// <summary>An open read-only connection, or null when the file does not exist.</summary>
    /// <exception cref="SqliteException">The file is not a database, is locked beyond the busy wait, or the library is missing.</exception>
    public static SqliteConnection? OpenReadOnly(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return null;
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(BusyWait.TotalSeconds),
        }.ToString());
        try
        {
            connection.Open();
            using var busy = connection.CreateCommand();
            busy.CommandText = $"PRAGMA busy_timeout = {(int)BusyWait.TotalMilliseconds}";
            busy.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="table"/> exists (schemas differ between releases).</summary>
    public static bool HasTable(SqliteConnection connection, string table)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>One text column of one row by key, or null: <c>SELECT column FROM table WHERE keyColumn = key</c>.</summary>
    public static string? ReadText(SqliteConnection connection, string table, string keyColumn, string key, string column)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!HasTable(connection, table))
        {
            return null;
        }

        using var command = connection.CreateCommand();
        // Identifiers come from Guard's own constants, never from input.
        command.CommandText = $"SELECT \"{column}\" FROM \"{table}\" WHERE \"{keyColumn}\" = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>The shared state database of a state directory.</summary>
    public static string StatePath(string stateDirectory) => Path.Combine(stateDirectory, "state", "openclaw.sqlite");

    /// <summary>An agent's database (<c>agents/&lt;id&gt;/agent</c>).</summary>
    public static string AgentPath(string agentDirectory) => Path.Combine(agentDirectory, "openclaw-agent.sqlite");
}
