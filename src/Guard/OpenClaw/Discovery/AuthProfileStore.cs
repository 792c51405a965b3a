using System.Text.Json;
using System.Text.Json.Nodes;
using Guard.OpenClaw.Stores;
using Microsoft.Data.Sqlite;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Auth profiles and their runtime state, wherever the release keeps them: an agent's <c>auth-profiles.json</c>
/// (secrets; before 2026.4.6 also the state) and <c>auth-state.json</c> (state from 2026.4.6); from 2026.5.30 the
/// agent database (<c>auth_profile_store</c> / <c>auth_profile_state</c>) and the shared state database
/// (<c>config_machine_state['authProfiles.store']</c> / <c>['authProfiles.state']</c>), all read-only.
/// </summary>
public sealed record AuthProfileStore(
    IReadOnlyList<AuthProfile> Profiles,
    IReadOnlyDictionary<string, ProfileUsage> Usage,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Order)
{
    public const string ProfilesFileName = "auth-profiles.json";
    public const string StateFileName = "auth-state.json";
    private const string StoreRow = "primary";

    public static AuthProfileStore Empty { get; } = new([], new Dictionary<string, ProfileUsage>(), new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>
    /// An agent's profiles (<c>agents/&lt;id&gt;/agent</c>): its JSON files, then its database, later sources winning
    /// per profile. Unreadable sources add to <paramref name="problems"/>, never with their text.
    /// </summary>
    public static AuthProfileStore Read(string agentDirectory, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(agentDirectory);
        ArgumentNullException.ThrowIfNull(problems);
        var profilesPath = Path.Combine(agentDirectory, ProfilesFileName);
        var statePath = Path.Combine(agentDirectory, StateFileName);
        var database = OpenClawDatabase.AgentPath(agentDirectory);
        var (dbProfiles, dbState) = ReadDatabase(database, problems, static c => (
            OpenClawDatabase.ReadText(c, "auth_profile_store", "store_key", StoreRow, "store_json"),
            OpenClawDatabase.ReadText(c, "auth_profile_state", "state_key", StoreRow, "state_json")));
        var profilesFile = ReadObject(profilesPath, problems);
        return Parse(
            [(profilesFile, profilesPath), (dbProfiles, $"{database} (auth_profile_store)")],
            [profilesFile, ReadObject(statePath, problems), dbState]);
    }

    /// <summary>The profiles every agent shares (2026.5.30+): <c>state/openclaw.sqlite</c>.</summary>
    public static AuthProfileStore ReadShared(string stateDirectory, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(stateDirectory);
        ArgumentNullException.ThrowIfNull(problems);
        var database = OpenClawDatabase.StatePath(stateDirectory);
        var (profiles, state) = ReadDatabase(database, problems, static c => (
            OpenClawDatabase.ReadText(c, "config_machine_state", "state_key", "authProfiles.store", "value_json"),
            OpenClawDatabase.ReadText(c, "config_machine_state", "state_key", "authProfiles.state", "value_json")));
        return Parse([(profiles, $"{database} (authProfiles.store)")], [state]);
    }

    private static AuthProfileStore Parse(IEnumerable<(JsonObject? Doc, string Source)> profileDocs, IEnumerable<JsonObject?> stateDocs)
    {
        var profiles = new Dictionary<string, AuthProfile>(StringComparer.Ordinal);
        foreach (var (doc, source) in profileDocs)
        {
            if (doc?["profiles"] is not JsonObject entries)
            {
                continue;
            }

            foreach (var (id, node) in entries)
            {
                if (node is JsonObject p)
                {
                    profiles[id] = Profile(id, p, source);
                }
            }
        }

        // Later state wins: the state file over state left in the profiles file by older builds, the database over both.
        var usage = new Dictionary<string, ProfileUsage>(StringComparer.Ordinal);
        var order = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var doc in stateDocs)
        {
            if (doc?["usageStats"] is JsonObject stats)
            {
                foreach (var (id, node) in stats)
                {
                    if (node is JsonObject s)
                    {
                        usage[id] = new ProfileUsage(id, Time(s["cooldownUntil"]), Str(s["cooldownReason"]), Str(s["cooldownModel"]),
                            Time(s["disabledUntil"]), Str(s["disabledReason"]), Int(s["errorCount"]));
                    }
                }
            }

            if (doc?["order"] is JsonObject orders)
            {
                foreach (var (provider, node) in orders)
                {
                    if (node is JsonArray ids)
                    {
                        order[provider] = ids.Select(Str).OfType<string>().ToList();
                    }
                }
            }
        }

        return new AuthProfileStore([.. profiles.Values], usage, order);
    }

    private static AuthProfile Profile(string id, JsonObject p, string source)
    {
        var type = Str(p["type"]) ?? "";
        var provider = Str(p["provider"]) ?? ProfileIds.ProviderOf(id);
        string? key = null;
        JsonNode? keyRef = null;
        if (type == "api_key")
        {
            key = Str(p["key"]);
            keyRef = p["keyRef"];
        }
        else if (type == "token")
        {
            key = Str(p["token"]);
            keyRef = p["tokenRef"];
        }

        return new AuthProfile(id, provider, type, key, RefEnv(keyRef), source) { KeyRef = keyRef?.DeepClone() };
    }

    private static (JsonObject? Profiles, JsonObject? State) ReadDatabase(
        string path, ICollection<string> problems, Func<SqliteConnection, (string? Profiles, string? State)> query)
    {
        try
        {
            using var connection = OpenClawDatabase.OpenReadOnly(path);
            if (connection is null)
            {
                return (null, null);
            }

            var (profiles, state) = query(connection);
            return (ParseObject(profiles, path, problems), ParseObject(state, path, problems));
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or DllNotFoundException)
        {
            problems.Add($"{path}: unreadable ({ex.GetType().Name}: {(ex is SqliteException sql ? sql.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : ex.Message)})");
            return (null, null);
        }
    }

    private static JsonObject? ParseObject(string? json, string source, ICollection<string> problems)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            problems.Add($"{source}: a stored auth document is not JSON"); // never the text: it may hold keys
            return null;
        }
    }

    private static JsonObject? ReadObject(string path, ICollection<string> problems)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path}: unreadable ({ex.GetType().Name})"); // never the text: it may hold keys
            return null;
        }
    }

    private static string? RefEnv(JsonNode? reference) =>
        reference is JsonObject r && Str(r["source"]) == "env" ? Str(r["id"]) : null;

    internal static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static int Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d : 0;

    /// <summary>OpenClaw stores epoch milliseconds; ISO strings are accepted too.</summary>
    internal static DateTimeOffset? Time(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<double>(out var ms) && ms > 0)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
        }

        return v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }
}
