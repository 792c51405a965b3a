using System.Collections.Frozen;
using System.Diagnostics;

namespace Guard.Processes;

/// <summary>
/// Builds the environment of every child Guard starts (Command alert channel, critical-quota command, openclaw CLI):
/// Guard's environment holds model keys and channel secrets, so a child starts from an empty environment and gets
/// only the allow-listed variables below plus what the caller passes (the alert payload). See docs/config-validation.md.
/// </summary>
public static class ChildEnvironment
{
    /// <summary>Variables a child inherits by exact name: finding programs, the user, locale, time zone, temp and runtime dirs.</summary>
    public static readonly FrozenSet<string> AllowedNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR",
        "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME",
        "DBUS_SESSION_BUS_ADDRESS", "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Prefixes a child inherits: locale categories; OPENCLAW_* only for the openclaw CLI.</summary>
    private const string LocalePrefix = "LC_";

    private const string OpenClawPrefix = "OPENCLAW_";

    /// <summary>True when a child may inherit <paramref name="name"/> from Guard.</summary>
    public static bool IsAllowed(string name, bool openClaw) =>
        AllowedNames.Contains(name)
        || name.StartsWith(LocalePrefix, StringComparison.Ordinal)
        || (openClaw && name.StartsWith(OpenClawPrefix, StringComparison.Ordinal));

    /// <summary>
    /// Replaces <paramref name="start"/>'s environment (a copy of Guard's) with the allow-listed subset, then adds
    /// <paramref name="extra"/>. <paramref name="openClaw"/> also keeps OPENCLAW_* (state dir, config path, profile).
    /// </summary>
    public static void Apply(ProcessStartInfo start, IEnumerable<KeyValuePair<string, string>>? extra, bool openClaw = false)
    {
        ArgumentNullException.ThrowIfNull(start);
        var environment = start.Environment;
        foreach (var name in environment.Keys.Where(n => !IsAllowed(n, openClaw)).ToList())
        {
            environment.Remove(name);
        }

        foreach (var (name, value) in extra ?? [])
        {
            environment[name] = value;
        }
    }
}
