using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.Packaging;

/// <summary>The .deb from packaging/build-deb.sh: unpacked into a scratch root, its layout, its binary, and lintian.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DebPackageTests : IClassFixture<DebPackageFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly DebPackageFixture _package;

    public DebPackageTests(DebPackageFixture package) => _package = package;

    [DebPackageFact]
    public async Task Package_Unpacked_HasLayoutAndRunningBinary()
    {
        var root = Path.Join(_package.Work, "root-" + Guid.NewGuid().ToString("N"));
        var extract = await ProcessRun.RunAsync("dpkg-deb", ["-x", _package.DebPath, root], _ => { }, Limit);
        Assert.True(extract.ExitCode == 0, extract.StandardError);

        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            [
                "/usr/bin/guard",
                "/usr/lib/systemd/user/guard.service",
                "/usr/share/doc/guard/README.md.gz",
                "/usr/share/doc/guard/changelog.Debian.gz",
                "/usr/share/doc/guard/copyright",
                "/usr/share/guard/appsettings.json",
                "/usr/share/guard/env",
                "/usr/share/man/man1/guard.1.gz",
            ],
            files);
        var binary = Path.Join(root, "usr", "bin", "guard");
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(binary));
        var unit = await File.ReadAllLinesAsync(Path.Join(root, "usr", "lib", "systemd", "user", "guard.service"));
        Assert.Contains("ExecStart=/usr/bin/guard run", unit);
        Assert.Contains("EnvironmentFile=-%h/.config/guard/env", unit);

        var version = await ProcessRun.RunAsync(binary, ["--version"], _ => { }, Limit);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith(RepositoryPaths.GuardVersion, version.StandardOutput.Trim(), StringComparison.Ordinal);

        var arch = (await ProcessRun.RunAsync("dpkg", ["--print-architecture"], _ => { }, Limit)).StandardOutput.Trim();
        Assert.Equal($"guard_{RepositoryPaths.GuardVersion}-1_{arch}.deb", Path.GetFileName(_package.DebPath));
        var control = await ProcessRun.RunAsync("dpkg-deb", ["-f", _package.DebPath, "Package", "Version", "Architecture", "Depends"], _ => { }, Limit);
        var fields = control.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(": ", 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        Assert.Equal("guard", fields["Package"]);
        Assert.Equal($"{RepositoryPaths.GuardVersion}-1", fields["Version"]);
        Assert.Equal(arch, fields["Architecture"]);
        Assert.Contains("libsystemd0", fields["Depends"], StringComparison.Ordinal);
        Assert.Contains("zlib1g", fields["Depends"], StringComparison.Ordinal); // system libz, not an embedded copy
    }

    [DebPackageFact]
    public async Task Package_Lintian_ReportsNoErrors()
    {
        if (!DebPackageFactAttribute.OnPath("lintian"))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "CI installs lintian (.ci/run); it is missing");
            return; // a developer machine without lintian: the layout test still ran
        }

        var run = await ProcessRun.RunAsync("lintian", ["--no-tag-display-limit", _package.DebPath], _ => { }, Limit);
        var errors = run.StandardOutput.Split('\n').Where(l => l.StartsWith("E:", StringComparison.Ordinal)).ToList();

        Assert.True(errors.Count == 0, "lintian errors:\n" + string.Join('\n', errors) + "\n" + run.StandardError);
    }
}
