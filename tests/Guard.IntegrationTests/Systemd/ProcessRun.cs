using System.Diagnostics;

namespace Guard.IntegrationTests.Systemd;

/// <summary>Runs a short-lived tool to completion and captures its output.</summary>
public sealed record ProcessRun(int ExitCode, string StandardOutput, string StandardError)
{
    public static async Task<ProcessRun> RunAsync(string fileName, IEnumerable<string> arguments, Action<IDictionary<string, string?>> environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        environment(info.Environment);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}");
        }

        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }
}
