using System.Collections.Concurrent;
using Guard.Configuration;
using Guard.OpenClaw.Discovery;

namespace Guard.Chain;

/// <summary>
/// The process's chain, keyed by Guard's OpenClaw settings (<c>ConfigPath</c>, <c>Profile</c>, <c>AgentsDirectory</c>) so a
/// live edit that points elsewhere does not see the old installation's discovery. Options that were never discovered
/// resolve to Guard:Models or the built-in chain.
/// </summary>
public sealed class ModelChain : IModelChain
{
    private readonly ConcurrentDictionary<string, OpenClawDiscoveryResult> _latest = new(StringComparer.Ordinal);
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public IReadOnlyList<ModelDefinition> Resolve(GuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var discovered = options.OpenClaw.Discover ? Discovery(options.OpenClaw) : null;
        return ModelCatalog.Resolve(options, discovered?.Models);
    }

    public OpenClawDiscoveryResult? Discovery(OpenClawOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _latest.GetValueOrDefault(Key(options));
    }

    public string? FindKey(string name)
    {
        foreach (var result in _latest.Values)
        {
            if (result.GetKey(name) is { } key)
            {
                return key;
            }
        }

        return null;
    }

    public bool Publish(OpenClawOptions options, OpenClawDiscoveryResult result)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        var key = Key(options);
        var previous = _latest.GetValueOrDefault(key);
        _latest[key] = result;
        if (previous is not null && previous.Models.SequenceEqual(result.Models) && SameKeys(previous, result))
        {
            return false;
        }

        Interlocked.Increment(ref _version);
        return true;
    }

    private static string Key(OpenClawOptions options) => $"{options.ConfigPath}\n{options.Profile}\n{options.AgentsDirectory}";

    private static bool SameKeys(OpenClawDiscoveryResult a, OpenClawDiscoveryResult b) =>
        a.Keys.Count == b.Keys.Count && a.Keys.All(p => b.Keys.TryGetValue(p.Key, out var v) && v == p.Value);
}
