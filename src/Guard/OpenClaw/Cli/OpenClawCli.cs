using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Guard.Configuration;

namespace Guard.OpenClaw.Cli;

/// <summary>
/// Runs the <c>openclaw</c> CLI with a hard time limit (a hung CLI is killed with its children). The CLI resolves
/// JSON5, <c>$include</c> and <c>${VAR}</c> exactly as the gateway does, so it is preferred over reading files.
/// </summary>
public sealed class OpenClawCli
{
    private readonly string? _executable;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly OpenClawOptions _options;
    private readonly Func<string, string?> _getEnv;

    public OpenClawCli(OpenClawOptions options, TimeProvider time, Func<string, string?>? getEnv = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _getEnv = getEnv ?? Environment.GetEnvironmentVariable;
        _options = options;
        _executable = Find(options.Cli, _getEnv);
        _timeout = options.CliTimeout;
        _time = time;
    }

    /// <summary>The executable's full path, or null when it is disabled or not on PATH.</summary>
    public string? Executable => _executable;

    public bool Available => _executable is not null;

    public async Task<OpenClawCliResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var limitAfter = timeout ?? _timeout;
        ArgumentNullException.ThrowIfNull(arguments);
        if (_executable is null)
        {
            return OpenClawCliResult.Failed("the openclaw CLI is not on PATH");
        }

        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Guard.Processes.ChildEnvironment.Apply(start, ConfigReferencedVariables(), openClaw: true);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.Environment["NO_COLOR"] = "1";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return OpenClawCliResult.Failed($"cannot start {_executable}: {ex.Message}");
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = new CancellationTokenSource(limitAfter, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            return OpenClawCliResult.Failed($"'openclaw {Shown(arguments)}' did not finish within {limitAfter.TotalSeconds:0.#} s and was stopped") with { TimedOut = true };
        }

        var output = await stdout.ConfigureAwait(false);
        var error = await stderr.ConfigureAwait(false);
        return process.ExitCode == 0
            ? new OpenClawCliResult(true, 0, output, null)
            : new OpenClawCliResult(false, process.ExitCode, output, $"'openclaw {Shown(arguments)}' exited with {process.ExitCode}: {FirstLine(error)}", error);
    }

    /// <summary><c>openclaw config get &lt;path&gt; --json</c>; a null value when the path is unset or the call failed.</summary>
    public async Task<(JsonNode? Value, OpenClawCliResult Result)> GetConfigAsync(string path,
        IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["config", "get", path, "--json"], cancellationToken, environment).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return (null, result);
        }

        var json = ParseJson(result.Output);
        return json.Ok ? (json.Value, result) : (null, result with { Succeeded = false, Problem = $"'openclaw config get {path} --json' printed no JSON" });
    }

    /// <summary>CLI output may start with plugin notices ("[plugins] …"): the JSON starts at the first line that looks like it.</summary>
    public static (bool Ok, JsonNode? Value) ParseJson(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = output.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.Length == 0 || trimmed[0] is not ('{' or '[' or '"' or '-' or 't' or 'f' or 'n') && !char.IsAsciiDigit(trimmed[0]))
            {
                continue;
            }

            try
            {
                return (true, JsonNode.Parse(string.Join('\n', lines[i..])));
            }
            catch (JsonException)
            {
                // "[plugins] …" also starts with '[': try the next line.
            }
        }

        return (false, null);
    }

    internal static string? Find(string? command, Func<string, string?> getEnv)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            return null;
        }

        command = command.Trim();
        if (command.Contains('/', StringComparison.Ordinal))
        {
            var expanded = PathExpander.Expand(command, getEnv);
            return File.Exists(expanded) ? Path.GetFullPath(expanded) : null;
        }

        foreach (var directory in (getEnv("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    // A message body is the owner's text, not a command word: only the command is echoed into problems and logs.
    private static string Shown(IReadOnlyList<string> arguments)
    {
        var message = arguments.ToList().IndexOf("--message");
        return message < 0 ? string.Join(' ', arguments) : string.Join(' ', arguments.Take(message + 1).Append("…"));
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length > 200 ? line[..200] : line;
    }

    // openclaw.json may name variables as ${VAR}; the CLI refuses to load the file without them, so exactly those
    // (OpenClaw's own, from Guard's environment) are passed on; nothing else of Guard's environment is.
    private List<KeyValuePair<string, string>> ConfigReferencedVariables()
    {
        string text;
        try
        {
            text = File.ReadAllText(Guard.OpenClaw.Discovery.OpenClawPaths.Resolve(_options, _getEnv).ConfigPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return [];
        }

        return [.. Guard.OpenClaw.Discovery.EnvReferences.Names(text).Distinct(StringComparer.Ordinal)
            .Select(n => (Name: n, Value: _getEnv(n)))
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value!))];
    }
}
