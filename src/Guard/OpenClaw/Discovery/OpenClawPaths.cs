using Guard.Configuration;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Where one OpenClaw installation keeps its files, resolved the way the gateway does: OPENCLAW_CONFIG_PATH,
/// OPENCLAW_STATE_DIR and the profile (<c>~/.openclaw-&lt;profile&gt;</c>) apply while Guard's own keys keep their defaults.
/// The gateway log is <c>logging.file</c> when the config sets it (<see cref="ConfiguredLogFile"/>), else the daily
/// <c>openclaw[-&lt;encoded profile&gt;]-YYYY-MM-DD.log</c> in the log directory.
/// </summary>
public sealed partial record OpenClawPaths(
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
            profile is null ? "openclaw-" : $"openclaw-{EncodeProfile(profile)}-");
    }

    /// <summary><c>logging.file</c> from openclaw.json, expanded; null when the config leaves the default.</summary>
    public string? ConfiguredLogFile { get; init; }

    /// <summary>
    /// OpenClaw 2026.9's file-name encoding of a profile name: a–z and 0–9 stay, <c>-</c> → <c>--</c>, <c>_</c> → <c>-0</c>,
    /// upper case → <c>-1</c> + lower case, anything else <c>-2&lt;hex&gt;-</c>; over 220 characters, <c>-3</c> + SHA-256.
    /// </summary>
    public static string EncodeProfile(string profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var encoded = new System.Text.StringBuilder();
        foreach (var rune in profile.EnumerateRunes())
        {
            var c = rune.Value;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                encoded.Append((char)c);
            }
            else if (c == '-')
            {
                encoded.Append("--");
            }
            else if (c == '_')
            {
                encoded.Append("-0");
            }
            else if (c is >= 'A' and <= 'Z')
            {
                encoded.Append("-1").Append((char)(c + ('a' - 'A')));
            }
            else
            {
                encoded.Append("-2").Append(c.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append('-');
            }
        }

        if (encoded.Length <= 220)
        {
            return encoded.ToString();
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(profile));
        return "-3" + Convert.ToHexStringLower(hash);
    }

    /// <summary>The default workspace (holds HEARTBEAT.md) when the config names none.</summary>
    public string DefaultWorkspace(Func<string, string?> getEnv) =>
        Profile is null ? Path.Combine(StateDirectory, "workspace") : PathExpander.Expand($"~/.openclaw/workspace-{Profile}", getEnv);

    /// <summary>The gateway's daily JSON log for <paramref name="day"/> (local date, as the gateway names it).</summary>
    public string LogFileFor(DateOnly day)
    {
        if (ConfiguredLogFile is not { } configured)
        {
            return Path.Combine(LogDirectory, $"{LogFilePrefix}{day:yyyy-MM-dd}.log");
        }

        // A configured file shaped like a dated rolling name rolls like one (OpenClaw's own rule); any other name is fixed.
        var name = Path.GetFileName(configured);
        var dated = RollingName().Match(name);
        if (dated.Success)
        {
            return Path.Combine(Path.GetDirectoryName(configured) ?? "", $"{dated.Groups[1].Value}-{day:yyyy-MM-dd}.log");
        }

        return name == "openclaw-YYYY-MM-DD.log" ? Path.Combine(Path.GetDirectoryName(configured) ?? "", $"openclaw-{day:yyyy-MM-dd}.log") : configured;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(openclaw(?:-[a-z0-9-]+)?)-(\d{4}-\d{2}-\d{2})\.log$", System.Text.RegularExpressions.RegexOptions.None, 1000)]
    private static partial System.Text.RegularExpressions.Regex RollingName();

    private static bool IsDefault(string expanded, string defaultValue, Func<string, string?> getEnv) =>
        string.Equals(expanded, PathExpander.Expand(defaultValue, getEnv), StringComparison.Ordinal);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
