using Guard.IntegrationTests.Infrastructure;
using Guard.IntegrationTests.Systemd;
using Guard.Tests.TestSupport;

namespace Guard.IntegrationTests.Packaging;

/// <summary>
/// packaging/install.sh run for real into a scratch HOME. The binary is a two-line wrapper around the test
/// output's framework-dependent guard, so no Native AOT publish is needed (the .deb test covers that binary).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InstallScriptTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private readonly string _root = Directory.CreateTempSubdirectory("guard-install-").FullName;
    private readonly string _home;
    private readonly string _wrapper;
    private readonly string _systemctlLog;

    public InstallScriptTests()
    {
        _home = Directory.CreateDirectory(Path.Join(_root, "home")).FullName;
        _wrapper = Path.Join(_root, "guard-wrapper");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        ExecutableScript.Write(_wrapper, $"#!/bin/sh\nexec '{dotnet}' '{GuardProcess.GuardDll}' \"$@\"\n");
        _systemctlLog = Path.Join(_root, "systemctl.log");
    }

    private string Bin => Path.Join(_home, ".local", "bin", "guard");

    private string ConfigDirectory => Path.Join(_home, ".config", "guard");

    private string ConfigFile => Path.Join(ConfigDirectory, "appsettings.json");

    private string EnvFile => Path.Join(ConfigDirectory, "env");

    private string Unit => Path.Join(_home, ".config", "systemd", "user", "guard.service");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Install_NoUserManager_LaysOutFilesAndPrintsManualCommands()
    {
        var run = await InstallAsync(systemctl: "false");

        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        Assert.Contains("no systemd user manager reachable", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("    systemctl --user daemon-reload\n    systemctl --user enable --now guard.service\n", run.StandardOutput, StringComparison.Ordinal);

        Assert.Equal(Mode("rwxr-xr-x"), File.GetUnixFileMode(Bin));
        Assert.Equal(Mode("rwx------"), File.GetUnixFileMode(ConfigDirectory));
        Assert.Equal(Mode("rw-------"), File.GetUnixFileMode(ConfigFile));
        Assert.Equal(Mode("rw-------"), File.GetUnixFileMode(EnvFile));
        Assert.Equal(Mode("rw-r--r--"), File.GetUnixFileMode(Unit));
        Assert.Equal(await File.ReadAllTextAsync(Template("appsettings.json")), await File.ReadAllTextAsync(ConfigFile));
        Assert.Equal(await File.ReadAllTextAsync(Template("env")), await File.ReadAllTextAsync(EnvFile));

        var unit = await File.ReadAllLinesAsync(Unit);
        Assert.Contains("ExecStart=%h/.local/bin/guard run", unit);
        Assert.Contains("EnvironmentFile=-%h/.config/guard/env", unit);
        Assert.Contains("Type=notify", unit);

        // The installed binary runs, and the starter configuration it was given is valid.
        var version = await RunAsync(Bin, ["--version"]);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith(RepositoryPaths.GuardVersion, version.StandardOutput.Trim(), StringComparison.Ordinal);
        var check = await RunAsync(Bin, ["check-config"]);
        Assert.True(check.ExitCode == 0, $"check-config of the installed config: {check.ExitCode}\n{check.StandardOutput}{check.StandardError}");
    }

    [Fact]
    public async Task Install_Rerun_KeepsUserConfigAndSecrets_FixesEnvMode_ReplacesBinary()
    {
        Assert.Equal(0, (await InstallAsync(systemctl: "false")).ExitCode);
        const string MyConfig = """{ "Guard": { "Probe": { "DownAfter": 5 } } }""";
        const string MySecrets = "ZHIPU_API_KEY=zk-user-secret-value\n";
        await File.WriteAllTextAsync(ConfigFile, MyConfig);
        await File.WriteAllTextAsync(EnvFile, MySecrets);
        File.SetUnixFileMode(EnvFile, Mode("rw-r--r--"));
        await File.WriteAllTextAsync(Bin, "#!/bin/sh\necho stale\n");

        var again = await InstallAsync(systemctl: "false");

        Assert.True(again.ExitCode == 0, again.StandardError + again.StandardOutput);
        Assert.Contains($"kept existing {ConfigFile}", again.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(MyConfig, await File.ReadAllTextAsync(ConfigFile));
        Assert.Equal(MySecrets, await File.ReadAllTextAsync(EnvFile));
        Assert.Equal(Mode("rw-------"), File.GetUnixFileMode(EnvFile));
        Assert.Equal(await File.ReadAllBytesAsync(_wrapper), await File.ReadAllBytesAsync(Bin));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(Bin)!)); // no temp files left behind
    }

    [Fact]
    public async Task Install_UserManagerReachable_ReloadsAndPrintsEnableCommand()
    {
        var run = await InstallAsync(systemctl: FakeSystemctl());

        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        Assert.Equal(["--user show-environment", "--user daemon-reload"], await File.ReadAllLinesAsync(_systemctlLog));
        Assert.Contains("    systemctl --user enable --now guard.service\n", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("no systemd user manager", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninstall_RemovesInstalledFiles_KeepsDataAndEditedSecrets()
    {
        Assert.Equal(0, (await InstallAsync(systemctl: "false")).ExitCode);
        await File.WriteAllTextAsync(EnvFile, "ZHIPU_API_KEY=zk-keep-me\n");
        var data = Directory.CreateDirectory(Path.Join(_home, ".openclaw", "workspace")).FullName;
        await File.WriteAllTextAsync(Path.Join(data, ".api_health_state.json"), "{}");

        var run = await RunScriptAsync(["--uninstall"], FakeSystemctl());

        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        Assert.False(File.Exists(Bin));
        Assert.False(File.Exists(Unit));
        Assert.False(File.Exists(ConfigFile)); // untouched template: gone
        Assert.Equal("ZHIPU_API_KEY=zk-keep-me\n", await File.ReadAllTextAsync(EnvFile));
        Assert.Contains("(edited; --purge removes it)", run.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Join(data, ".api_health_state.json")));
        Assert.Equal(["--user show-environment", "--user disable --now guard.service", "--user show-environment", "--user daemon-reload"], await File.ReadAllLinesAsync(_systemctlLog));

        var purge = await RunScriptAsync(["--uninstall", "--purge"], "false");
        Assert.Equal(0, purge.ExitCode);
        Assert.False(Directory.Exists(ConfigDirectory));
        Assert.True(File.Exists(Path.Join(data, ".api_health_state.json")));

        Assert.Equal(0, (await RunScriptAsync(["--uninstall"], "false")).ExitCode); // nothing left: still fine
    }

    [Fact]
    public async Task Install_Prefix_RewritesExecStartToAbsolutePath()
    {
        var prefix = Path.Join(_root, "opt");
        var run = await RunScriptAsync(["--binary", _wrapper, "--prefix", prefix], "false");

        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        Assert.True(File.Exists(Path.Join(prefix, "bin", "guard")));
        Assert.Contains($"ExecStart={prefix}/bin/guard run", await File.ReadAllLinesAsync(Unit));
    }

    [Fact]
    public async Task Install_UnknownOption_Exit64()
    {
        var run = await RunScriptAsync(["--frobnicate"], "false");

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("unknown option '--frobnicate'", run.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Join(_home, ".local")));
    }

    private Task<ProcessRun> InstallAsync(string systemctl) => RunScriptAsync(["--binary", _wrapper], systemctl);

    private Task<ProcessRun> RunScriptAsync(string[] arguments, string systemctl) =>
        ProcessRun.RunAsync(
            "bash",
            [Path.Join(RepositoryPaths.Packaging, "install.sh"), .. arguments],
            env =>
            {
                env["HOME"] = _home;
                env.Remove("XDG_CONFIG_HOME");
                env["GUARD_SYSTEMCTL"] = systemctl;
            },
            Limit);

    private Task<ProcessRun> RunAsync(string program, string[] arguments) =>
        ProcessRun.RunAsync(program, arguments, env =>
        {
            env["HOME"] = _home;
            env.Remove("XDG_CONFIG_HOME");
            foreach (var name in env.Keys.Where(k => k.StartsWith("Guard__", StringComparison.Ordinal)).ToList())
            {
                env.Remove(name);
            }
        }, Limit);

    /// <summary>A systemctl that answers as if a user manager were there and records each call.</summary>
    private string FakeSystemctl()
    {
        var path = Path.Join(_root, "fake-systemctl");
        File.WriteAllText(path, $"#!/bin/sh\necho \"$*\" >> '{_systemctlLog}'\n");
        File.SetUnixFileMode(path, Mode("rwx------"));
        return path;
    }

    private static string Template(string name) => Path.Join(RepositoryPaths.Packaging, "templates", name);

    private static UnixFileMode Mode(string symbolic)
    {
        UnixFileMode[] bits =
        [
            UnixFileMode.UserRead, UnixFileMode.UserWrite, UnixFileMode.UserExecute,
            UnixFileMode.GroupRead, UnixFileMode.GroupWrite, UnixFileMode.GroupExecute,
            UnixFileMode.OtherRead, UnixFileMode.OtherWrite, UnixFileMode.OtherExecute,
        ];
        var mode = UnixFileMode.None;
        for (var i = 0; i < bits.Length; i++)
        {
            if (symbolic[i] != '-')
            {
                mode |= bits[i];
            }
        }

        return mode;
    }
}
