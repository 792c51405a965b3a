using System.Collections.Concurrent;
using Guard.Configuration;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// The latest discovery per OpenClaw installation (keyed by Guard's <c>ConfigPath</c> and <c>Profile</c> settings), so
/// <see cref="ModelCatalog.Resolve(GuardOptions)"/> sees it wherever it is called. Only an explicit discovery (the
/// service at start and on change, or a command) publishes: options that were never discovered resolve as before.
/// </summary>
public static class OpenClawChainRegistry
{
    private static readonly ConcurrentDictionary<string, OpenClawDiscoveryResult> Latest = new(StringComparer.Ordinal);

    /// <summary>Raised after a publish whose chain or keys differ from the previous one.</summary>
    public static event Action<OpenClawDiscoveryResult>? Changed;

    public static void Publish(OpenClawOptions options, OpenClawDiscoveryResult result)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        var key = Key(options);
        var previous = Latest.GetValueOrDefault(key);
        Latest[key] = result;
        if (previous is null || !previous.Models.SequenceEqual(result.Models) || !SameKeys(previous, result))
        {
            Changed?.Invoke(result);
        }
    }

    public static OpenClawDiscoveryResult? Find(OpenClawOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Latest.GetValueOrDefault(Key(options));
    }

    /// <summary>A discovered key by name from any published discovery (names are unique per key).</summary>
    public static string? FindKey(string name)
    {
        foreach (var result in Latest.Values)
        {
            if (result.GetKey(name) is { } key)
            {
                return key;
            }
        }

        return null;
    }

    internal static void Forget(OpenClawOptions options) => Latest.TryRemove(Key(options), out _);

    private static string Key(OpenClawOptions options) => $"{options.ConfigPath}\n{options.Profile}\n{options.AgentsDirectory}";

    private static bool SameKeys(OpenClawDiscoveryResult a, OpenClawDiscoveryResult b) =>
        a.Keys.Count == b.Keys.Count && a.Keys.All(p => b.Keys.TryGetValue(p.Key, out var v) && v == p.Value);
}
