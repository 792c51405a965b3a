using System.Globalization;
using System.Text.Json.Nodes;
using Guard.Configuration;
using Guard.Logging;
using Guard.OpenClaw.Cli;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Finds the gateway's model chain, custom providers and API keys: through <c>openclaw config get</c> when the CLI is
/// on PATH, otherwise from openclaw.json itself; keys from auth profiles, the environment, <c>~/.openclaw/.env</c>,
/// the config's <c>env</c> block and <c>models.providers.*.apiKey</c>, in OpenClaw's own order.
/// </summary>
public sealed class OpenClawDiscoverer(OpenClawCli? cli, Func<string, string?> getEnv)
{
    public const string ProfileKeyPrefix = "openclaw:profile:";
    public const string InlineKeyPrefix = "openclaw:config:";

    private static readonly string[] SecretNameHints = ["KEY", "TOKEN", "SECRET", "PASSWORD"];

    public async Task<OpenClawDiscoveryResult> DiscoverAsync(OpenClawOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paths = OpenClawPaths.Resolve(options, getEnv);
        var problems = new List<string>();
        var (root, method, found) = await ReadConfigAsync(paths, problems, cancellationToken).ConfigureAwait(false);
        var context = new Context(root, paths, problems, getEnv);
        context.LoadEnvironment();
        context.LoadProfiles();
        var models = context.ReadChain();
        var workspace = Str(root["agents"]?["defaults"]?["workspace"]) is { } ws
            ? PathExpander.Expand(context.Resolve(ws), getEnv)
            : paths.DefaultWorkspace(getEnv);
        if (!string.IsNullOrWhiteSpace(options.WorkspaceDirectory))
        {
            workspace = PathExpander.Expand(options.WorkspaceDirectory, getEnv);
        }

        // Problems quote CLI output and file names: mask every key found before anyone prints them.
        var secrets = context.Secrets.Concat(context.Keys.Values).Distinct(StringComparer.Ordinal).ToList();
        var redactor = new SecretRedactor(secrets);
        return new OpenClawDiscoveryResult(
            paths, method, found, models, context.Keys, secrets,
            context.Usage, context.ProfileProviders, workspace, problems.Select(redactor.Redact).ToList(), Stamp(paths));
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

    private async Task<(JsonObject Root, string Method, bool Found)> ReadConfigAsync(OpenClawPaths paths, List<string> problems, CancellationToken cancellationToken)
    {
        if (cli is { Available: true })
        {
            var env = new Dictionary<string, string> { ["OPENCLAW_CONFIG_PATH"] = paths.ConfigPath, ["OPENCLAW_STATE_DIR"] = paths.StateDirectory };
            var (agents, first) = await cli.GetConfigAsync("agents", env, cancellationToken).ConfigureAwait(false);
            if (first.Succeeded)
            {
                var root = new JsonObject { ["agents"] = agents?.DeepClone() };
                foreach (var section in new[] { "models", "env", "auth" })
                {
                    var (value, result) = await cli.GetConfigAsync(section, env, cancellationToken).ConfigureAwait(false);
                    if (result.Succeeded && value is not null)
                    {
                        root[section] = value.DeepClone();
                    }
                }

                return (root, $"openclaw CLI ({cli.Executable})", File.Exists(paths.ConfigPath));
            }

            problems.Add($"{first.Problem}; reading {paths.ConfigPath} directly");
        }

        try
        {
            return (OpenClawConfigFile.Load(paths.ConfigPath), $"file {paths.ConfigPath} (JSON5)", File.Exists(paths.ConfigPath));
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"cannot read {paths.ConfigPath}: {ex.Message}");
            return ([], $"file {paths.ConfigPath} (unreadable)", true);
        }
    }

    internal static string? Str(JsonNode? node) => AuthProfileStore.Str(node);

    private static bool LooksSecret(string name) => SecretNameHints.Any(h => name.Contains(h, StringComparison.OrdinalIgnoreCase));

    /// <summary>One pass's working state.</summary>
    private sealed class Context(JsonObject root, OpenClawPaths paths, List<string> problems, Func<string, string?> getEnv)
    {
        private readonly Dictionary<string, string> _dotEnv = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _configEnv = new(StringComparer.Ordinal);
        private readonly List<AuthProfile> _profiles = [];
        private readonly Dictionary<string, List<string>> _order = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _missingVars = new(StringComparer.Ordinal);

        public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);

        public List<string> Secrets { get; } = [];

        public List<ProfileUsage> Usage { get; } = [];

        public Dictionary<string, string> ProfileProviders { get; } = new(StringComparer.Ordinal);

        public void LoadEnvironment()
        {
            foreach (var (name, value) in DotEnvFile.Read(paths.EnvFile))
            {
                _dotEnv[name] = value;
                if (LooksSecret(name))
                {
                    Secrets.Add(value);
                }
            }

            if (root["env"] is JsonObject env)
            {
                foreach (var (name, node) in env)
                {
                    if (Str(node) is { } value)
                    {
                        _configEnv[name] = value;
                    }
                }

                if (env["vars"] is JsonObject vars)
                {
                    foreach (var (name, node) in vars)
                    {
                        if (Str(node) is { } value)
                        {
                            _configEnv[name] = value;
                        }
                    }
                }

                foreach (var (name, value) in _configEnv.Where(p => LooksSecret(p.Key)))
                {
                    Secrets.Add(value);
                }
            }
        }

        /// <summary>Process environment first (OpenClaw never overrides it), then ~/.openclaw/.env, then the config's env block.</summary>
        public (string? Value, string? Where) LookupEnv(string name)
        {
            if (getEnv(name) is { Length: > 0 } fromProcess)
            {
                return (fromProcess, "process environment");
            }

            if (_dotEnv.TryGetValue(name, out var fromDotEnv) && fromDotEnv.Length > 0)
            {
                return (fromDotEnv, paths.EnvFile);
            }

            return _configEnv.TryGetValue(name, out var fromConfig) && fromConfig.Length > 0 ? (fromConfig, "openclaw.json env") : (null, null);
        }

        public string Resolve(string value) => EnvReferences.Substitute(value, n => LookupEnv(n).Value, _missingVars);

        public void LoadProfiles()
        {
            if (root["auth"]?["order"] is JsonObject configured)
            {
                foreach (var (provider, node) in configured)
                {
                    if (node is JsonArray ids)
                    {
                        _order[provider] = ids.Select(Str).OfType<string>().ToList();
                    }
                }
            }

            var agentDirs = AgentIds().Select(id => Path.Combine(paths.AgentsDirectory, id, "agent"))
                .Append(Path.Combine(paths.StateDirectory, "agent")); // legacy single-agent layout
            foreach (var dir in agentDirs.Distinct(StringComparer.Ordinal))
            {
                var store = AuthProfileStore.Read(dir, problems);
                foreach (var profile in store.Profiles.Where(p => _profiles.TrueForAll(q => q.Id != p.Id)))
                {
                    _profiles.Add(profile);
                    ProfileProviders[profile.Id] = profile.Provider;
                    if (profile.Key is { } key)
                    {
                        Secrets.Add(key);
                    }
                }

                foreach (var usage in store.Usage.Values.Where(u => Usage.TrueForAll(v => v.ProfileId != u.ProfileId)))
                {
                    Usage.Add(usage);
                }

                foreach (var (provider, ids) in store.Order)
                {
                    _order.TryAdd(provider, ids.ToList());
                }
            }
        }

        /// <summary>The default agent first, then the others named in the config, then any on disk.</summary>
        private IEnumerable<string> AgentIds()
        {
            var ids = new List<string>();
            foreach (var (id, _, isDefault) in Agents())
            {
                if (isDefault)
                {
                    ids.Insert(0, id);
                }
                else
                {
                    ids.Add(id);
                }
            }

            ids.Add("main");
            if (Directory.Exists(paths.AgentsDirectory))
            {
                ids.AddRange(Directory.EnumerateDirectories(paths.AgentsDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));
            }

            return ids.Distinct(StringComparer.Ordinal);
        }

        /// <summary><c>agents.list[]</c> (to 2026.7) and <c>agents.entries.&lt;id&gt;</c> (newer).</summary>
        private IEnumerable<(string Id, JsonNode? Model, bool IsDefault)> Agents()
        {
            if (root["agents"]?["list"] is JsonArray list)
            {
                foreach (var entry in list.OfType<JsonObject>())
                {
                    if (Str(entry["id"]) is { } id)
                    {
                        yield return (id, entry["model"], entry["default"] is JsonValue d && d.TryGetValue<bool>(out var b) && b);
                    }
                }
            }

            if (root["agents"]?["entries"] is JsonObject entries)
            {
                foreach (var (id, node) in entries)
                {
                    yield return (id, node?["model"], node?["default"] is JsonValue d && d.TryGetValue<bool>(out var b) && b);
                }
            }
        }

        public List<DiscoveredModel> ReadChain()
        {
            var refs = new List<(string Ref, string Origin)>();
            AddModelRefs(refs, root["agents"]?["defaults"]?["model"], "agents.defaults.model");
            foreach (var (id, model, _) in Agents())
            {
                AddModelRefs(refs, model, $"agents[{id}].model");
            }

            var aliases = Aliases();
            var models = new List<DiscoveredModel>();
            foreach (var (modelRef, origin) in refs)
            {
                var full = modelRef.Contains('/', StringComparison.Ordinal) ? modelRef : aliases.GetValueOrDefault(modelRef);
                if (full is null)
                {
                    problems.Add($"{origin}: '{modelRef}' is neither provider/model nor a known alias");
                    continue;
                }

                if (models.Exists(m => string.Equals(m.Id, full, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                models.Add(Describe(full, origin));
            }

            foreach (var name in _missingVars)
            {
                problems.Add($"openclaw.json references ${{{name}}}, which is set nowhere Guard can see");
            }

            return models;
        }

        private static void AddModelRefs(List<(string, string)> refs, JsonNode? model, string origin)
        {
            if (Str(model) is { } single)
            {
                refs.Add((single.Trim(), origin));
                return;
            }

            if (model is not JsonObject obj)
            {
                return;
            }

            if (Str(obj["primary"]) is { } primary)
            {
                refs.Add((primary.Trim(), origin + ".primary"));
            }

            if (obj["fallbacks"] is JsonArray fallbacks)
            {
                for (var i = 0; i < fallbacks.Count; i++)
                {
                    if (Str(fallbacks[i]) is { } fallback)
                    {
                        refs.Add((fallback.Trim(), $"{origin}.fallbacks[{i}]"));
                    }
                }
            }
        }

        private Dictionary<string, string> Aliases()
        {
            var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (root["agents"]?["defaults"]?["models"] is JsonObject models)
            {
                foreach (var (id, node) in models)
                {
                    if (Str(node?["alias"]) is { } alias)
                    {
                        aliases.TryAdd(alias, id);
                    }
                }
            }

            return aliases;
        }

        private DiscoveredModel Describe(string id, string origin)
        {
            var slash = id.IndexOf('/', StringComparison.Ordinal);
            var provider = id[..slash];
            var model = id[(slash + 1)..];
            var custom = root["models"]?["providers"]?[provider] as JsonObject;
            var bundled = OpenClawProviders.Bundled(provider);
            string? api;
            string? baseUrl;
            string? notProbed = null;
            if (custom is not null)
            {
                var declared = Str(custom["api"]) ?? Str(custom["models"]?.AsArray().OfType<JsonObject>()
                    .FirstOrDefault(m => Str(m["id"]) == model)?["api"]);
                declared ??= Str(custom["baseUrl"]) is not null ? ApiKinds.OpenAiCompletions : bundled?.Api;
                api = OpenClawProviders.ProbeApi(declared);
                baseUrl = Str(custom["baseUrl"]) is { } url ? Resolve(url).TrimEnd('/') : bundled?.BaseUrl;
                if (declared == "ollama" && baseUrl is not null && !baseUrl.EndsWith("/v1", StringComparison.Ordinal))
                {
                    baseUrl += "/v1";
                }

                if (api is null)
                {
                    notProbed = $"api '{declared}' is not one Guard can probe";
                }
            }
            else
            {
                api = bundled?.Api;
                baseUrl = bundled?.BaseUrl;
            }

            if (OpenClawProviders.IsOAuthOnly(provider) && custom is null)
            {
                notProbed = $"'{provider}' signs in with OAuth; Guard probes API keys only (the gateway log still reports it)";
            }
            else if (api is null || baseUrl is null)
            {
                notProbed ??= $"unknown provider '{provider}': add it under models.providers in openclaw.json or to Guard:Models";
            }

            var (keyName, keyOrigin, found) = FindKey(provider, custom);
            return new DiscoveredModel(id, provider, model, api, baseUrl, origin, keyName, keyOrigin, found, notProbed);
        }

        /// <summary>OpenClaw's order: auth profiles, then environment variables, then <c>models.providers.*.apiKey</c>.</summary>
        private (string Name, string Origin, bool Found) FindKey(string provider, JsonObject? custom)
        {
            var candidates = _profiles.Where(p => string.Equals(p.Provider, provider, StringComparison.OrdinalIgnoreCase) && p.Type == "api_key").ToList();
            var order = _order.GetValueOrDefault(provider) ?? [];
            var ranked = candidates
                .OrderBy(p => order.IndexOf(p.Id) is var i && i >= 0 ? i : int.MaxValue)
                .ThenBy(p => p.Id.EndsWith(":default", StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(p => p.Id, StringComparer.Ordinal);
            foreach (var profile in ranked)
            {
                if (profile.Key is { } key)
                {
                    var name = ProfileKeyPrefix + profile.Id;
                    Keys[name] = key;
                    return (name, $"auth profile {profile.Id} in {profile.File}", true);
                }

                if (profile.KeyEnv is { } env && LookupEnv(env) is { Value: { } value, Where: var where })
                {
                    Keys[env] = value;
                    return (env, $"auth profile {profile.Id} → ${env} ({where})", true);
                }
            }

            var inline = Str(custom?["apiKey"]);
            var names = new List<string>();
            if (inline is not null)
            {
                names.AddRange(EnvReferences.Names(inline));
            }

            names.AddRange(OpenClawProviders.KeyEnvNames(provider));
            foreach (var name in names.Distinct(StringComparer.Ordinal))
            {
                if (LookupEnv(name) is { Value: { } value, Where: var where })
                {
                    Keys[name] = value;
                    Secrets.Add(value);
                    return (name, $"${name} ({where})", true);
                }
            }

            if (inline is not null && EnvReferences.Names(inline).Count == 0)
            {
                var name = $"{InlineKeyPrefix}models.providers.{provider}.apiKey";
                Keys[name] = inline;
                Secrets.Add(inline);
                return (name, $"models.providers.{provider}.apiKey in openclaw.json (inline)", true);
            }

            var first = names.Count > 0 ? names[0] : ProviderDefaults.GuessKeyEnv(provider);
            return (first, $"not found (tried auth profiles for '{provider}', {string.Join(", ", names.Distinct(StringComparer.Ordinal).Select(n => "$" + n))})", false);
        }
    }
}
