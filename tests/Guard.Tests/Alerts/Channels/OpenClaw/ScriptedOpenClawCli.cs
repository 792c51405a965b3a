using Guard.Configuration;
using Guard.OpenClaw.Cli;
using Guard.Tests.State;
using Guard.Tests.TestSupport;

namespace Guard.Tests.Alerts.Channels.OpenClaw;

/// <summary>
/// A shell script standing in for <c>openclaw</c>: it records its argv (NUL-separated) and environment, then prints
/// <see cref="Stdout"/>/<see cref="Stderr"/> and exits with <see cref="ExitCode"/>, read from files so a test can change them.
/// </summary>
internal sealed class ScriptedOpenClawCli : IDisposable
{
    private readonly TempDirectory _dir = new();

    public ScriptedOpenClawCli()
    {
        ExitCode = 0;
        Stdout = """{"action":"send","channel":"telegram","payload":{"messageId":"1"}}""";
        Stderr = "";
        Path = ExecutableScript.Write(_dir.File("openclaw"), $"""
            #!/bin/sh
            d='{_dir.Path}'
            n=$(ls "$d" | grep -c '^argv-')
            for a in "$@"; do printf '%s\0' "$a"; done > "$d/argv-$n"
            env > "$d/env-$n"
            if [ -f "$d/sleep" ]; then sleep "$(cat "$d/sleep")"; fi
            cat "$d/stdout"
            cat "$d/stderr" >&2
            exit "$(cat "$d/exit")"
            """);
    }

    public string Path { get; }

    public int ExitCode { set => File.WriteAllText(_dir.File("exit"), value.ToString(System.Globalization.CultureInfo.InvariantCulture)); }

    public string Stdout { set => File.WriteAllText(_dir.File("stdout"), value); }

    public string Stderr { set => File.WriteAllText(_dir.File("stderr"), value); }

    public int SleepSeconds { set => File.WriteAllText(_dir.File("sleep"), value.ToString(System.Globalization.CultureInfo.InvariantCulture)); }

    public int Calls => Directory.GetFiles(_dir.Path, "argv-*").Length;

    /// <summary>The arguments of call <paramref name="call"/> (NUL-separated on disk: alert text spans lines).</summary>
    public IReadOnlyList<string> Argv(int call) => File.ReadAllText(_dir.File($"argv-{call}")).TrimEnd('\0').Split('\0');

    public IReadOnlyList<string> Environment(int call) => File.ReadAllLines(_dir.File($"env-{call}"));

    public OpenClawCli Cli(TimeProvider? time = null) =>
        new(new OpenClawOptions { Cli = Path, ConfigPath = _dir.File("openclaw.json") }, time ?? TimeProvider.System);

    public void Fail(string message)
    {
        ExitCode = 1;
        Stdout = $$$"""{"ok":false,"error":{"type":"cli_error","message":"{{{message}}}"}}""";
        Stderr = $"[openclaw] The CLI command failed.\n[openclaw] Reason: {message}\n";
    }

    public void Dispose() => _dir.Dispose();
}
