using System.Text.Json.Nodes;
using Guard.Configuration;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// The gateway's model chain from openclaw.json: <c>agents.defaults.model</c> (a string or <c>{primary, fallbacks}</c>),
/// then per-agent models (<c>agents.list[]</c> to 2026.7, <c>agents.entries.&lt;id&gt;</c> after), aliases from
/// <c>agents.defaults.models</c>; each model described with its wire format, base URL and key.
/// </summary>
public sealed class OpenClawChainReader(JsonObject root, Func<string, string> resolve, ProviderKeyFinder keys, ICollection<string> problems)
{
    /// <summary>The default agent first, then the others named in the config.</summary>
    public static IEnumerable<string> ConfiguredAgentIds(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var ids = new List<string>();
        foreach (var (id, _, isDefault) in Agents(root))
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

        return ids;
    }

    public List<(DiscoveredModel Model, KeyResolution Key)> Read()
    {
        var refs = new List<(string Ref, string Origin)>();
        AddModelRefs(refs, root["agents"]?["defaults"]?["model"], OpenClawDiscoveryResult.DefaultModelPath);
        foreach (var (id, model, _) in Agents(root))
        {
            AddModelRefs(refs, model, $"agents[{id}].model");
        }

        var aliases = Aliases();
        var models = new List<(DiscoveredModel, KeyResolution)>();
        foreach (var (modelRef, origin) in refs)
        {
            var full = modelRef.Contains('/', StringComparison.Ordinal) ? modelRef : aliases.GetValueOrDefault(modelRef);
            if (full is null)
            {
                problems.Add($"{origin}: '{modelRef}' is neither provider/model nor a known alias");
                continue;
            }

            if (models.Exists(m => string.Equals(m.Item1.Id, full, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            models.Add(Describe(full, origin));
        }

        return models;
    }

    private static IEnumerable<(string Id, JsonNode? Model, bool IsDefault)> Agents(JsonObject root)
    {
        if (root["agents"]?["list"] is JsonArray list)
        {
            foreach (var entry in list.OfType<JsonObject>())
            {
                if (AuthProfileStore.Str(entry["id"]) is { } id)
                {
                    yield return (id, entry["model"], IsTrue(entry["default"]));
                }
            }
        }

        if (root["agents"]?["entries"] is JsonObject entries)
        {
            foreach (var (id, node) in entries)
            {
                yield return (id, node?["model"], IsTrue(node?["default"]));
            }
        }
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static void AddModelRefs(List<(string, string)> refs, JsonNode? model, string origin)
    {
        if (AuthProfileStore.Str(model) is { } single)
        {
            refs.Add((single.Trim(), origin));
            return;
        }

        if (model is not JsonObject obj)
        {
            return;
        }

        if (AuthProfileStore.Str(obj["primary"]) is { } primary)
        {
            refs.Add((primary.Trim(), origin + ".primary"));
        }

        if (obj["fallbacks"] is JsonArray fallbacks)
        {
            for (var i = 0; i < fallbacks.Count; i++)
            {
                if (AuthProfileStore.Str(fallbacks[i]) is { } fallback)
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
                if (AuthProfileStore.Str(node?["alias"]) is { } alias)
                {
                    aliases.TryAdd(alias, id);
                }
            }
        }

        return aliases;
    }

    private (DiscoveredModel, KeyResolution) Describe(string id, string origin)
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
            var declared = AuthProfileStore.Str(custom["api"]) ?? AuthProfileStore.Str(custom["models"]?.AsArray().OfType<JsonObject>()
                .FirstOrDefault(m => AuthProfileStore.Str(m["id"]) == model)?["api"]);
            declared ??= AuthProfileStore.Str(custom["baseUrl"]) is not null ? ApiKinds.OpenAiCompletions : bundled?.Api;
            api = OpenClawProviders.ProbeApi(declared);
            baseUrl = AuthProfileStore.Str(custom["baseUrl"]) is { } url ? resolve(url).TrimEnd('/') : bundled?.BaseUrl;
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

        var key = keys.Find(provider, custom);
        return (new DiscoveredModel(id, provider, model, api, baseUrl, origin, key.Name, key.Origin, key.Found, notProbed), key);
    }
}
