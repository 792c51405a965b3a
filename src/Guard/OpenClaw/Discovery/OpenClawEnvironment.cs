using System.Text.Json.Nodes;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// The variables a gateway's <c>${VAR}</c> and env SecretRefs resolve from, in OpenClaw's order: the process
/// environment (never overridden), then <c>~/.openclaw/.env</c>, then the config's <c>env</c> block and <c>env.vars</c>.
/// Values are secrets; <see cref="Secrets"/> lists those whose names look like credentials, for the redactor.
/// </summary>
public sealed class OpenClawEnvironment
{
    private static readonly string[] SecretNameHints = ["KEY", "TOKEN", "SECRET", "PASSWORD"];

    private readonly Func<string, string?> _process;
    private readonly IReadOnlyDictionary<string, string> _dotEnv;
    private readonly Dictionary<string, string> _config = new(StringComparer.Ordinal);
    private readonly string _dotEnvPath;

    public OpenClawEnvironment(JsonObject config, string dotEnvPath, Func<string, string?> processEnvironment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(dotEnvPath);
        ArgumentNullException.ThrowIfNull(processEnvironment);
        _process = processEnvironment;
        _dotEnvPath = dotEnvPath;
        _dotEnv = DotEnvFile.Read(dotEnvPath);
        if (config["env"] is JsonObject env)
        {
            foreach (var (name, node) in env)
            {
                if (AuthProfileStore.Str(node) is { } value)
                {
                    _config[name] = value;
                }
            }

            if (env["vars"] is JsonObject vars)
            {
                foreach (var (name, node) in vars)
                {
                    if (AuthProfileStore.Str(node) is { } value)
                    {
                        _config[name] = value;
                    }
                }
            }
        }
    }

    public IEnumerable<string> Secrets =>
        _dotEnv.Concat(_config).Where(p => LooksSecret(p.Key)).Select(p => p.Value);

    /// <summary>The value and, for people, where it was found; (null, null) when set nowhere.</summary>
    public (string? Value, string? Where) Lookup(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_process(name) is { Length: > 0 } fromProcess)
        {
            return (fromProcess, "Guard's environment");
        }

        if (_dotEnv.TryGetValue(name, out var fromDotEnv) && fromDotEnv.Length > 0)
        {
            return (fromDotEnv, _dotEnvPath);
        }

        return _config.TryGetValue(name, out var fromConfig) && fromConfig.Length > 0 ? (fromConfig, "openclaw.json env") : (null, null);
    }

    private static bool LooksSecret(string name) => SecretNameHints.Any(h => name.Contains(h, StringComparison.OrdinalIgnoreCase));
}
