using Guard.Configuration;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Where one OpenClaw installation keeps its files, resolved the way the gateway does: OPENCLAW_CONFIG_PATH,
/// OPENCLAW_STATE_DIR and the profile (<c>~/.openclaw-&lt;profile&gt;</c>) apply while Guard's own keys keep their defaults.
/// </summary>
public sealed record OpenClawPaths(
    string? Profile,
    string StateDirectory,
    string ConfigPath,
    string ConfigPathOrigin,
    string AgentsDirectory,
    string EnvFile,
    string LogDirectory,
    string LogFilePrefix)
{
    public static OpenClawPaths Resolve(OpenClawOptions options, Func<string, string?> getEnv)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(getEnv);
        var profile = NonEmpty(options.Profile) ?? NonEmpty(getEnv("OPENCLAW_PROFILE"));
        if (OpenClawOptions.IsDefaultProfile(profile))
        {
            profile = null;
        }

        var stateFromEnv = NonEmpty(getEnv("OPENCLAW_STATE_DIR"));
        var state = stateFromEnv is not null
            ? PathExpander.Expand(stateFromEnv, getEnv)
            : PathExpander.Expand(profile is null ? "~/.openclaw" : $"~/.openclaw-{profile}", getEnv);

        string configPath;
        string origin;
        var configured = PathExpander.Expand(options.ConfigPath, getEnv);
        if (!IsDefault(configured, OpenClawOptions.DefaultConfigPath, getEnv))
        {
            (configPath, origin) = (configured, "Guard:OpenClaw:ConfigPath");
        }
        else if (NonEmpty(getEnv("OPENCLAW_CONFIG_PATH")) is { } fromEnv)
        {
            (configPath, origin) = (PathExpander.Expand(fromEnv, getEnv), "$OPENCLAW_CONFIG_PATH");
        }
        else
        {
            (configPath, origin) = (Path.Combine(state, "openclaw.json"),
                stateFromEnv is not null ? "$OPENCLAW_STATE_DIR" : profile is not null ? $"profile '{profile}'" : "default");
        }

        var agents = PathExpander.Expand(options.AgentsDirectory, getEnv);
        if (IsDefault(agents, OpenClawOptions.DefaultAgentsDirectory, getEnv))
        {
            agents = Path.Combine(state, "agents");
        }

        return new OpenClawPaths(
            profile,
            state,
            configPath,
            origin,
            agents,
            Path.Combine(state, ".env"),
            PathExpander.Expand(options.LogDirectory, getEnv),
            profile is null ? "openclaw-" : $"openclaw-{profile}-");
    }

    /// <summary>The default workspace (holds HEARTBEAT.md) when the config names none.</summary>
    public string DefaultWorkspace(Func<string, string?> getEnv) =>
        Profile is null ? Path.Combine(StateDirectory, "workspace") : PathExpander.Expand($"~/.openclaw/workspace-{Profile}", getEnv);

    /// <summary>The gateway's daily JSON log for <paramref name="day"/> (local date, as the gateway names it).</summary>
    public string LogFileFor(DateOnly day) =>
        Path.Combine(LogDirectory, $"{LogFilePrefix}{day:yyyy-MM-dd}.log");

    private static bool IsDefault(string expanded, string defaultValue, Func<string, string?> getEnv) =>
        string.Equals(expanded, PathExpander.Expand(defaultValue, getEnv), StringComparison.Ordinal);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
