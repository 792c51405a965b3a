using System.Globalization;
using System.Text.Json.Nodes;
using Guard.Configuration;
using Guard.Logging;
using Guard.OpenClaw.Stores;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Finds the gateway's model chain, custom providers and API keys from openclaw.json itself (JSON5, <c>$include</c>) and
/// the auth stores of the release (JSON files or SQLite, read-only). Not through <c>openclaw config get</c>: it prints
/// every key as <c>__OPENCLAW_REDACTED__</c>, and costs a CLI start per section.
/// </summary>
public sealed class OpenClawDiscoverer(Func<string, string?> getEnv)
{
    public const string ProfileKeyPrefix = ProviderKeyFinder.ProfileKeyPrefix;
    public const string InlineKeyPrefix = ProviderKeyFinder.InlineKeyPrefix;

    public Task<OpenClawDiscoveryResult> DiscoverAsync(OpenClawOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Discover(options));
    }

    public OpenClawDiscoveryResult Discover(OpenClawOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paths = OpenClawPaths.Resolve(options, getEnv);
        var problems = new List<string>();
        var (root, method) = ReadConfig(paths, problems);
        var environment = new OpenClawEnvironment(root, paths.EnvFile, getEnv);
        var missingVars = new HashSet<string>(StringComparer.Ordinal);
        string Resolve(string value) => EnvReferences.Substitute(value, n => environment.Lookup(n).Value, missingVars);

        var logFile = AuthProfileStore.Str(root["logging"]?["file"]) is { } file ? PathExpander.Expand(Resolve(file), getEnv) : null;
        paths = paths with { ConfiguredLogFile = logFile };

        var secretRefs = new SecretRefReader(root, environment, paths.StateDirectory);
        var stores = ReadStores(root, paths, problems);
        var finder = new ProviderKeyFinder(stores.Profiles, stores.Order, stores.ConfiguredIds, environment, secretRefs);
        var chain = new OpenClawChainReader(root, Resolve, finder, problems).Read();
        foreach (var name in missingVars)
        {
            problems.Add($"openclaw.json references ${{{name}}}, which is set nowhere Guard can see");
        }

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, key) in chain)
        {
            if (key.Value is { } value)
            {
                keys[key.Name] = value;
            }
        }

        var workspace = AuthProfileStore.Str(root["agents"]?["defaults"]?["workspace"]) is { } ws
            ? PathExpander.Expand(Resolve(ws), getEnv)
            : paths.DefaultWorkspace(getEnv);
        if (!string.IsNullOrWhiteSpace(options.WorkspaceDirectory))
        {
            workspace = PathExpander.Expand(options.WorkspaceDirectory, getEnv);
        }

        // Problems quote file names and values around keys: mask every secret found before anyone prints them.
        var secrets = environment.Secrets.Concat(stores.Profiles.Select(p => p.Key).OfType<string>()).Concat(keys.Values)
            .Distinct(StringComparer.Ordinal).ToList();
        var redactor = new SecretRedactor(secrets);
        return new OpenClawDiscoveryResult(
            paths, method, File.Exists(paths.ConfigPath), chain.Select(c => c.Model).ToList(), keys, secrets,
            stores.Usage, stores.Profiles.ToDictionary(p => p.Id, p => p.Provider, StringComparer.Ordinal), workspace,
            problems.Select(redactor.Redact).ToList(), Stamp(paths))
        {
            GatewayPort = GatewayPort(root),
        };
    }

    /// <summary>Size and write time of every file discovery read: a different stamp means discover again.</summary>
    public static string Stamp(OpenClawPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var legacy = Path.Combine(paths.StateDirectory, "agent");
        var files = new[]
        {
            paths.ConfigPath, paths.EnvFile,
            Path.Combine(legacy, AuthProfileStore.ProfilesFileName), Path.Combine(legacy, AuthProfileStore.StateFileName),
            OpenClawDatabase.StatePath(paths.StateDirectory), OpenClawDatabase.StatePath(paths.StateDirectory) + "-wal",
        }.Concat(AuthFiles(paths));
        return string.Join('|', files.Distinct(StringComparer.Ordinal).Select(f =>
        {
            var info = new FileInfo(f);
            return info.Exists ? $"{f}:{info.Length}:{info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)}" : $"{f}:-";
        }));
    }

    private static IEnumerable<string> AuthFiles(OpenClawPaths paths)
    {
        if (!Directory.Exists(paths.AgentsDirectory))
        {
            yield break;
        }

        foreach (var agent in Directory.EnumerateDirectories(paths.AgentsDirectory).Order(StringComparer.Ordinal))
        {
            yield return Path.Combine(agent, "agent", AuthProfileStore.ProfilesFileName);
            yield return Path.Combine(agent, "agent", AuthProfileStore.StateFileName);
        }
    }

    private static (JsonObject Root, string Method) ReadConfig(OpenClawPaths paths, List<string> problems)
    {
        try
        {
            return (OpenClawConfigFile.Load(paths.ConfigPath), $"file {paths.ConfigPath} (JSON5)");
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"cannot read {paths.ConfigPath}: {ex.Message}");
            return ([], $"file {paths.ConfigPath} (unreadable)");
        }
    }

    private sealed record Stores(
        List<AuthProfile> Profiles, List<ProfileUsage> Usage, Dictionary<string, List<string>> Order, HashSet<string> ConfiguredIds);

    /// <summary>
    /// Every auth store of the home, first found wins per profile: the default agent's and the other agents' own
    /// (files, then database), the legacy single-agent directory, then the shared state database of 2026.5.30+.
    /// </summary>
    private static Stores ReadStores(JsonObject root, OpenClawPaths paths, List<string> problems)
    {
        var order = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        if (root["auth"]?["order"] is JsonObject configured)
        {
            foreach (var (provider, node) in configured)
            {
                if (node is JsonArray ids)
                {
                    order[provider] = ids.Select(AuthProfileStore.Str).OfType<string>().ToList();
                }
            }
        }

        var configuredIds = new HashSet<string>(StringComparer.Ordinal);
        if (root["auth"]?["profiles"] is JsonObject declared)
        {
            configuredIds.UnionWith(declared.Select(p => p.Key));
        }

        var agentIds = OpenClawChainReader.ConfiguredAgentIds(root).Append("main").ToList();
        if (Directory.Exists(paths.AgentsDirectory))
        {
            agentIds.AddRange(Directory.EnumerateDirectories(paths.AgentsDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));
        }

        var stores = agentIds.Distinct(StringComparer.Ordinal)
            .Select(id => Path.Combine(paths.AgentsDirectory, id, "agent"))
            .Append(Path.Combine(paths.StateDirectory, "agent")) // legacy single-agent layout
            .Distinct(StringComparer.Ordinal)
            .Select(dir => AuthProfileStore.Read(dir, problems))
            .Append(AuthProfileStore.ReadShared(paths.StateDirectory, problems));

        var profiles = new List<AuthProfile>();
        var usage = new List<ProfileUsage>();
        foreach (var store in stores)
        {
            profiles.AddRange(store.Profiles.Where(p => profiles.TrueForAll(q => q.Id != p.Id)));
            usage.AddRange(store.Usage.Values.Where(u => usage.TrueForAll(v => v.ProfileId != u.ProfileId)));
            foreach (var (provider, ids) in store.Order)
            {
                order.TryAdd(provider, ids.ToList());
            }
        }

        return new Stores(profiles, usage, order, configuredIds);
    }

    /// <summary><c>gateway.port</c>, where the health URL lives; null for the default.</summary>
    private static int? GatewayPort(JsonObject root) =>
        root["gateway"]?["port"] is JsonValue v && v.TryGetValue<double>(out var port) && port is > 0 and < 65536 ? (int)port : null;
}
