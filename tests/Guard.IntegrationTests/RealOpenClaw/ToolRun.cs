using System.Diagnostics;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// A command run to completion with exactly the environment given (nothing inherited, so the test runner's own
/// OPENCLAW_* or Guard__* variables cannot leak in), optional standard input, and a time limit.
/// </summary>
public sealed record ToolRun(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>Killed at the limit (only when the caller asked for a result instead of an exception).</summary>
    public bool TimedOut { get; init; }

    public static async Task<ToolRun> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout,
        string? standardInput = null, string? workingDirectory = null, bool throwOnTimeout = true)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (!throwOnTimeout)
            {
                return new ToolRun(-1, await Partial(stdout), await Partial(stderr), clock.Elapsed) { TimedOut = true };
            }

            throw new TimeoutException(
                $"{fileName} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}\n--- stdout ---\n{await Partial(stdout)}\n--- stderr ---\n{await Partial(stderr)}");
        }

        return new ToolRun(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }

    public ToolRun Ensure(string what) =>
        Succeeded ? this : throw new InvalidOperationException($"{what} failed (exit {ExitCode}):\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}");

    private static async Task<string> Partial(Task<string> output)
    {
        var done = await Task.WhenAny(output, Task.Delay(TimeSpan.FromSeconds(2)));
        return done == output ? await output : "(not closed)";
    }
}
