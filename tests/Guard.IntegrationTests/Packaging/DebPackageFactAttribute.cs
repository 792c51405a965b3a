namespace Guard.IntegrationTests.Packaging;

/// <summary>A fact that needs dpkg-deb and a Native AOT toolchain (clang); CI (CI=true) fails instead of skipping.</summary>
public sealed class DebPackageFactAttribute : FactAttribute
{
    public DebPackageFactAttribute()
    {
        if (SkipReason is { } reason)
        {
            Skip = reason;
        }
    }

    public static string? SkipReason
    {
        get
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                return null;
            }

            if (!OperatingSystem.IsLinux())
            {
                return "Debian packages are built on Linux";
            }

            var missing = new[] { "dpkg-deb", "dpkg", "clang" }.FirstOrDefault(tool => !OnPath(tool));
            return missing is null ? null : $"'{missing}' is not on PATH";
        }
    }

    internal static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Join(directory, tool)));
}
