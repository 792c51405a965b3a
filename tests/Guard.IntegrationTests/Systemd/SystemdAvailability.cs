using System.Runtime.InteropServices;

namespace Guard.IntegrationTests.Systemd;

/// <summary>Why this machine cannot run the systemd tests, or null when it can (or CI demands it).</summary>
public static class SystemdAvailability
{
    public const string RequireVariable = "GUARD_REQUIRE_SYSTEMD";
    public const string ManagerBinary = "/lib/systemd/systemd";

    private static readonly Lazy<string?> ManagerReason = new(() => Required ? null : Decorate(FindManagerProblem()));
    private static readonly Lazy<string?> LibraryReason = new(() => Required ? null : Decorate(FindLibraryProblem()));

    /// <summary>CI sets GUARD_REQUIRE_SYSTEMD=1 so a broken machine fails loudly instead of skipping.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Null when a private systemd user manager can be started here.</summary>
    public static string? ManagerSkipReason => ManagerReason.Value;

    /// <summary>Null when libsystemd's sd-bus can be called here.</summary>
    public static string? LibrarySkipReason => LibraryReason.Value;

    private static string? FindLibraryProblem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "systemd tests need Linux";
        }

        if (!NativeLibrary.TryLoad("libsystemd.so.0", out var handle))
        {
            return "libsystemd.so.0 cannot be loaded";
        }

        NativeLibrary.Free(handle);
        return null;
    }

    private static string? FindManagerProblem()
    {
        if (FindLibraryProblem() is { } library)
        {
            return library;
        }

        if (EffectiveUid() != 0)
        {
            return "starting a private systemd user manager needs root (unshare -m and mount)";
        }

        if (!File.Exists(ManagerBinary))
        {
            return $"{ManagerBinary} is missing";
        }

        if (!Directory.Exists("/run/systemd"))
        {
            return "/run/systemd does not exist to mount a private tmpfs on";
        }

        foreach (var tool in new[] { "unshare", "setsid", "systemctl", "busctl" })
        {
            if (!OnPath(tool))
            {
                return $"'{tool}' is not on PATH";
            }
        }

        return null;
    }

    private static string? Decorate(string? problem) =>
        problem is null ? null : $"{problem}; set {RequireVariable}=1 to run anyway and fail instead of skipping";

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Join(directory, tool)));

    // No P/Invoke here: /proc/self/status "Uid:" is real, effective, saved, filesystem.
    private static int EffectiveUid()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = line?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 2 } && int.TryParse(fields[2], out var uid) ? uid : -1;
    }
}
