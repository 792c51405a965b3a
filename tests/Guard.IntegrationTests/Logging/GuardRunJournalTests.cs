using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using System.Text.RegularExpressions;
using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.Logging;

/// <summary>
/// The real <c>guard run</c> process as systemd would start it (INVOCATION_ID set): journald lines with
/// <c>&lt;N&gt;</c> priorities on the console, a compact JSON log file, and a canary key nowhere.
/// </summary>
[Collection(RealSystemdCollection.Name)]
public sealed class GuardRunJournalTests : IDisposable
{
    private const string Canary = "CANARYrunKEYq7Wm2Lx9Pt4Rz";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "guard-run-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Run_UnderSystemd_WritesJournalLines_AndNeverTheCanary()
    {
        var home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        var xdgConfig = Directory.CreateDirectory(Path.Combine(_root, "xdg-config")).FullName;
        var dataDirectory = Path.Combine(_root, "data");
        var configPath = Path.Combine(_root, "guard.json");
        // The canary is both the key variable's value and pasted into a BaseUrl query, so the startup
        // notice would print it if redaction failed.
        await File.WriteAllTextAsync(configPath, $$"""
            {
              "Guard": {
                "DataDirectory": "{{dataDirectory}}",
                "Models": [
                  { "Id": "google/gemini-canary", "Api": "google-generative-ai",
                    "BaseUrl": "https://generativelanguage.example/v1beta?key={{Canary}}", "ApiKeyEnv": "GUARD_CANARY_KEY" }
                ],
                "Logging": { "ConsoleFormat": "Auto", "MinimumLevel": "Debug" }
              }
            }
            """);

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "guard-app", "guard.dll"));
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configPath);
        start.Environment["HOME"] = home;
        start.Environment["XDG_CONFIG_HOME"] = xdgConfig;
        start.Environment["INVOCATION_ID"] = "test";
        start.Environment.Remove("JOURNAL_STREAM");
        start.Environment["GUARD_CANARY_KEY"] = Canary;

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var chainLogged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data, chainLogged);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data, chainLogged);
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            // Synchronise on the service's own output: the chain line is the last startup line.
            var first = await Task.WhenAny(chainLogged.Task, process.WaitForExitAsync()).WaitAsync(Patience);
            Assert.True(first == chainLogged.Task, $"guard exited early\nstderr:\n{Snapshot(stderr)}\nstdout:\n{Snapshot(stdout)}");
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exitTimeout = new CancellationTokenSource(Patience);
            await process.WaitForExitAsync(exitTimeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.WaitForExit(); // drains the redirected streams
        var errText = Snapshot(stderr);
        var outText = Snapshot(stdout);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\nstderr:\n{errText}\nstdout:\n{outText}");

        var lines = errText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(new Regex("^<[0-7]>[A-Za-z.]+(\\[\\d+\\])? "), line));
        Assert.Contains(lines, l => l.StartsWith("<6>Guard.Logging.LoggingStartupNotice[1200] Guard ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(
            "<6>Guard.Logging.LoggingStartupNotice[1201] Chain model google/gemini-canary: google-generative-ai at https://generativelanguage.example/v1beta?key=*** , key from $GUARD_CANARY_KEY (set)".Replace(" , ", ", ", StringComparison.Ordinal),
            StringComparison.Ordinal));
        Assert.DoesNotContain(Canary, errText, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, outText, StringComparison.Ordinal);

        var logFile = Assert.Single(Directory.GetFiles(Path.Combine(dataDirectory, "logs")));
        Assert.Matches(@"api_health\d{8}\.log$", logFile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(logFile));
        Assert.Contains("\"EventId\":{\"Id\":1201", await File.ReadAllTextAsync(logFile), StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Where(f => f != configPath))
        {
            Assert.DoesNotContain(Canary, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
    }

    private static void Append(StringBuilder buffer, string? line, TaskCompletionSource chainLogged)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }

        if (line.Contains("[1201]", StringComparison.Ordinal))
        {
            chainLogged.TrySetResult();
        }
    }

    private static string Snapshot(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}
