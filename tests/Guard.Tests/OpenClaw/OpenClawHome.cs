using Guard.Configuration;
using Guard.Tests.TestSupport;

namespace Guard.Tests.OpenClaw;

/// <summary>A fixture OpenClaw home under /tmp: HOME, ~/.openclaw, agents, .env, and a fake environment to read.</summary>
internal sealed class OpenClawHome : IDisposable
{
    public OpenClawHome()
    {
        Directory.CreateDirectory(StateDirectory);
        Env["HOME"] = Home;
        Env["PATH"] = "/nonexistent";
    }

    public string Home { get; } = Path.Combine(Path.GetTempPath(), "guard-openclaw-" + Guid.NewGuid().ToString("N"));

    public string StateDirectory => Path.Combine(Home, ".openclaw");

    public Dictionary<string, string> Env { get; } = new(StringComparer.Ordinal);

    public string? GetEnv(string name) => Env.GetValueOrDefault(name);

    /// <summary>A script the code under test runs (a fake <c>openclaw</c>), written safely for parallel tests.</summary>
    public string WriteExecutable(string relative, string content) => ExecutableScript.Write(Path.Combine(Home, relative), content);

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Home, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string Config(string json5) => Write(".openclaw/openclaw.json", json5);

    public string Profiles(string agent, string json) => Write($".openclaw/agents/{agent}/agent/auth-profiles.json", json);

    /// <summary>Options as a loaded configuration would have them: paths expanded against this HOME.</summary>
    public OpenClawOptions Options(Action<OpenClawOptions>? configure = null)
    {
        var options = new OpenClawOptions { Cli = "" };
        configure?.Invoke(options);
        options.ConfigPath = PathExpander.Expand(options.ConfigPath, GetEnv);
        options.AgentsDirectory = PathExpander.Expand(options.AgentsDirectory, GetEnv);
        options.LogDirectory = PathExpander.Expand(options.LogDirectory, GetEnv);
        return options;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
