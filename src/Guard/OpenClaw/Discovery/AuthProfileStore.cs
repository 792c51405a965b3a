using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// An agent's auth profiles and their runtime state: <c>auth-profiles.json</c> (secrets; before 2026.4.6 also the
/// state) and <c>auth-state.json</c> (state from 2026.4.6). The SQLite store of 2026.5.30+ is not read.
/// </summary>
public sealed record AuthProfileStore(
    IReadOnlyList<AuthProfile> Profiles,
    IReadOnlyDictionary<string, ProfileUsage> Usage,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Order)
{
    public const string ProfilesFileName = "auth-profiles.json";
    public const string StateFileName = "auth-state.json";

    public static AuthProfileStore Empty { get; } = new([], new Dictionary<string, ProfileUsage>(), new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>Reads <paramref name="agentDirectory"/> (<c>agents/&lt;id&gt;/agent</c>); unreadable files add to <paramref name="problems"/>.</summary>
    public static AuthProfileStore Read(string agentDirectory, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(agentDirectory);
        ArgumentNullException.ThrowIfNull(problems);
        var profilesPath = Path.Combine(agentDirectory, ProfilesFileName);
        var statePath = Path.Combine(agentDirectory, StateFileName);
        var profilesDoc = ReadObject(profilesPath, problems);
        var stateDoc = ReadObject(statePath, problems);

        var profiles = new List<AuthProfile>();
        if (profilesDoc?["profiles"] is JsonObject entries)
        {
            foreach (var (id, node) in entries)
            {
                if (node is not JsonObject p)
                {
                    continue;
                }

                var type = Str(p["type"]) ?? "";
                var provider = Str(p["provider"]) ?? id.Split(':')[0];
                string? key = null;
                string? keyEnv = null;
                if (type == "api_key")
                {
                    key = Str(p["key"]);
                    keyEnv = RefEnv(p["keyRef"]);
                }
                else if (type == "token")
                {
                    key = Str(p["token"]);
                    keyEnv = RefEnv(p["tokenRef"]);
                }

                profiles.Add(new AuthProfile(id, provider, type, key, keyEnv, profilesPath));
            }
        }

        // The newer state file wins over state left in the profiles file by older builds.
        var usage = new Dictionary<string, ProfileUsage>(StringComparer.Ordinal);
        var order = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var doc in new[] { profilesDoc, stateDoc })
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

        return new AuthProfileStore(profiles, usage, order);
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
