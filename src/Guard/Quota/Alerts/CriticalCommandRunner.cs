using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Guard.Logging;
using Microsoft.Extensions.Logging;

namespace Guard.Quota.Alerts;

/// <summary>
/// Runs <c>Guard:Quota:CriticalCommand</c> once per critical episode: no shell, arguments as configured, the model and
/// numbers in <c>GUARD_QUOTA_*</c> environment variables, stdin closed, killed after <see cref="Timeout"/>.
/// </summary>
public sealed partial class CriticalCommandRunner(TimeProvider time, SecretRedactor redactor, ILogger<CriticalCommandRunner> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Starts the command; the task completes with its exit code (null when it could not start or timed out).</summary>
    public Task<int?> RunAsync(string command, IReadOnlyList<string> arguments, MeterStatus status, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(status);
        var start = new ProcessStartInfo(command)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Guard.Processes.ChildEnvironment.Apply(start, Environment(status));

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process started");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            LogStartFailed(logger, command, redactor.Redact(e.Message));
            return Task.FromResult<int?>(null);
        }

        process.StandardInput.Close();
        LogStarted(logger, command, status.ModelId, status.Percent ?? 0, process.Id);
        return WaitAsync(process, command, cancellationToken);
    }

    public static IReadOnlyDictionary<string, string> Environment(MeterStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var invariant = CultureInfo.InvariantCulture;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GUARD_QUOTA_MODEL"] = status.ModelId,
            ["GUARD_QUOTA_METER"] = status.Meter.ToString(),
            ["GUARD_QUOTA_PERCENT"] = (status.Percent ?? 0).ToString("0.0", invariant),
            ["GUARD_QUOTA_USED"] = status.Used.ToString("0.##", invariant),
            ["GUARD_QUOTA_LIMIT"] = status.Limit?.ToString("0.##", invariant) ?? "",
            ["GUARD_QUOTA_RESETS_AT"] = status.ResetsAt?.ToString("O", invariant) ?? "",
            ["GUARD_QUOTA_SOURCE"] = status.Source,
            ["GUARD_QUOTA_ADVICE"] = QuotaAlertRules.StopAdvice,
        };
    }

    private async Task<int?> WaitAsync(Process process, string command, CancellationToken cancellationToken)
    {
        using (process)
        {
            using var timeout = new CancellationTokenSource(Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
                LogExited(logger, command, process.ExitCode);
                return process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }

                LogKilled(logger, command);
                return null;
            }
        }
    }

    [LoggerMessage(EventId = 5030, Level = LogLevel.Warning, Message = "Quota critical command {Command} started for {Model} at {Percent:0.0} % (pid {Pid})")]
    private static partial void LogStarted(ILogger logger, string command, string model, double percent, int pid);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Information, Message = "Quota critical command {Command} exited with {ExitCode}")]
    private static partial void LogExited(ILogger logger, string command, int exitCode);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Error, Message = "Quota critical command {Command} could not start: {Problem}")]
    private static partial void LogStartFailed(ILogger logger, string command, string? problem);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Warning, Message = "Quota critical command {Command} did not finish in time (or Guard is stopping) and was killed")]
    private static partial void LogKilled(ILogger logger, string command);
}
