using System.Text.Json;
using System.Text.Json.Nodes;
using Guard.OpenClaw.Stores;
using Microsoft.Data.Sqlite;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Resolves an OpenClaw SecretRef (<c>{"source": "env"|"file"|"store"|"exec", "provider": alias, "id": …}</c>) the way the
/// gateway would: <c>env</c> from <see cref="OpenClawEnvironment"/>; <c>file</c> through <c>secrets.providers.&lt;alias&gt;</c>
/// (<c>mode: "json"</c> with a JSON pointer, or <c>"singleValue"</c>); <c>store</c> from the team scope of the shared
/// secret store in <c>state/openclaw.sqlite</c>. <c>exec</c> is not supported: Guard does not run secret resolver
/// commands. An unresolved ref says why and never falls through to another credential (OpenClaw's rule too).
/// </summary>
public sealed class SecretRefReader(JsonObject config, OpenClawEnvironment environment, string stateDirectory)
{
    private const int MaxFileBytes = 1024 * 1024;

    public static bool IsSecretRef(JsonNode? node) => node is JsonObject o && AuthProfileStore.Str(o["source"]) is not null && o["id"] is not null;

    /// <summary>The secret (or null) and a description of where it is, or why it is not there.</summary>
    public (string? Value, string Origin) Resolve(JsonNode reference, string what)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var source = AuthProfileStore.Str(reference["source"]) ?? "";
        var alias = AuthProfileStore.Str(reference["provider"]) ?? "default";
        var id = AuthProfileStore.Str(reference["id"]) ?? "";
        var label = $"SecretRef {what} (source {source}, id {id})";
        return source switch
        {
            "env" => environment.Lookup(id) is { Value: { } value, Where: var where }
                ? (value, $"{label} → ${id} ({where})")
                : (null, $"{label}: ${id} is set nowhere Guard can see (its environment, ~/.openclaw/.env, openclaw.json env)"),
            "file" => ReadFile(alias, id, label),
            "store" => ReadStore(id, label),
            "exec" => (null, $"{label}: Guard does not run exec secret resolvers; set Guard:Models[].ApiKeyEnv for this model"),
            _ => (null, $"{label}: unknown source '{source}'"),
        };
    }

    private (string? Value, string Origin) ReadFile(string alias, string id, string label)
    {
        if (config["secrets"]?["providers"]?[alias] is not JsonObject provider || AuthProfileStore.Str(provider["source"]) != "file")
        {
            return (null, $"{label}: no file provider '{alias}' under secrets.providers");
        }

        if (AuthProfileStore.Str(provider["path"]) is not { } configured)
        {
            return (null, $"{label}: secrets.providers.{alias} has no path");
        }

        var path = Configuration.PathExpander.Expand(configured, n => environment.Lookup(n).Value);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return (null, $"{label}: {path} does not exist");
            }

            if (info.Length > MaxFileBytes)
            {
                return (null, $"{label}: {path} is larger than 1 MiB");
            }

            var text = File.ReadAllText(path);
            if (AuthProfileStore.Str(provider["mode"]) == "singleValue")
            {
                var single = text.TrimEnd('\n', '\r');
                return single.Length > 0 ? (single, $"{label} → {path}") : (null, $"{label}: {path} is empty");
            }

            var node = JsonNode.Parse(text);
            var value = AuthProfileStore.Str(Pointer(node, id));
            return value is not null ? (value, $"{label} → {path}{id}") : (null, $"{label}: {path} has no string at {id}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return (null, $"{label}: {path} unreadable ({ex.GetType().Name})"); // never the text
        }
    }

    private (string? Value, string Origin) ReadStore(string id, string label)
    {
        var path = OpenClawDatabase.StatePath(stateDirectory);
        try
        {
            using var connection = OpenClawDatabase.OpenReadOnly(path);
            if (connection is null || !OpenClawDatabase.HasTable(connection, "secret_store_entries"))
            {
                return (null, $"{label}: no shared secret store at {path}");
            }

            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM secret_store_entries WHERE scope_kind = 'team' AND scope_id = '' AND name = $name AND deleted_at_ms IS NULL";
            command.Parameters.AddWithValue("$name", id);
            return command.ExecuteScalar() is string { Length: > 0 } value
                ? (value, $"{label} → shared secret store {path}")
                : (null, $"{label}: no entry '{id}' in the shared secret store {path}");
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or DllNotFoundException)
        {
            return (null, $"{label}: {path} unreadable ({ex.GetType().Name})");
        }
    }

    /// <summary>RFC 6901: <c>/a/b~1c</c>; "value" is accepted for single-value files only.</summary>
    private static JsonNode? Pointer(JsonNode? node, string pointer)
    {
        if (!pointer.StartsWith('/'))
        {
            return null;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, System.Globalization.CultureInfo.InvariantCulture, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
