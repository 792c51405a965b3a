using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Guard.Configuration;

namespace Guard.Alerts.Channels;

/// <summary>
/// Runs <c>Command</c> with <c>Arguments</c> directly (no shell): the alert as JSON on stdin and as GUARD_ALERT_*
/// environment variables. Exit 0 = delivered; non-zero or timeout (process tree killed) = transient;
/// a program that cannot be started = permanent.
/// </summary>
public sealed class CommandChannel : IAlertChannel
{
    public const int MaxPayloadBytes = 64 * 1024;
    private const int StderrTailChars = 400;

    private readonly AlertChannelContext _context;

    public CommandChannel(AlertChannelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(context.Options.Command))
        {
            throw new ArgumentException("a Command channel needs Command", nameof(context));
        }

        _context = context;
    }

    public string Name => _context.Name;

    public AlertChannelType Type => AlertChannelType.Command;

    private string Program => _context.Options.Command!;

    public byte[] BuildPayload(AlertMessage message, out string text)
    {
        ArgumentNullException.ThrowIfNull(message);
        string fitted = message.Text;
        var body = PayloadFitter.Fit(message.Text, MaxPayloadBytes, t =>
        {
            fitted = t;
            return JsonSerializer.SerializeToUtf8Bytes(CommandAlertPayload.From(message, Name, t), AlertChannelJsonContext.Relaxed.CommandAlertPayload);
        });
        text = fitted;
        return body;
    }

    public async Task<DeliveryResult> SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = _context.Time.GetTimestamp();
        var result = await RunAsync(message, cancellationToken);
        result = result with { Detail = _context.Redactor.Redact(result.Detail) };
        ChannelResultLogger.Log(_context, message, $"command:{Path.GetFileName(Program)}", result, _context.Time.GetElapsedTime(started));
        return result;
    }

    private async Task<DeliveryResult> RunAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var payload = BuildPayload(message, out var text);
        var info = new ProcessStartInfo(Program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in _context.Options.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Guard.Processes.ChildEnvironment.Apply(info, EnvironmentVariables(message, text));

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("the process did not start");
        }
        catch (Win32Exception ex)
        {
            var why = ex.NativeErrorCode == 2 ? "program not found" : ex.NativeErrorCode == 13 ? "permission denied" : ex.Message;
            return new(DeliveryOutcome.Permanent, $"cannot run '{Program}': {why} (Command must be an absolute path or on PATH)");
        }

        using (process)
        {
            var stdout = TailReader.ReadTailAsync(process.StandardOutput, StderrTailChars);
            var stderr = TailReader.ReadTailAsync(process.StandardError, StderrTailChars);
            var stdin = WriteStdinAsync(process, payload);
            using var timeout = new CancellationTokenSource(_context.Timeout, _context.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await process.WaitForExitAsync(linked.Token);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                _context.Logger.CommandKilled(Name, _context.Timeout, process.Id);
                return new(DeliveryOutcome.Transient, $"'{Path.GetFileName(Program)}' did not finish within {_context.Timeout.TotalSeconds:0.#} s (killed)");
            }

            await Drain(stdin);
            var errorTail = await Drain(stderr);
            _ = await Drain(stdout);
            if (process.ExitCode == 0)
            {
                return DeliveryResult.Delivered;
            }

            var tail = string.Join(' ', errorTail.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
            return new(DeliveryOutcome.Transient,
                string.Create(CultureInfo.InvariantCulture, $"'{Path.GetFileName(Program)}' exited with code {process.ExitCode}{(tail.Length > 0 ? ": " + tail : "")}"),
                ChannelCode: process.ExitCode.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The GUARD_ALERT_* variables a program sees (same facts as the stdin JSON).</summary>
    public static IEnumerable<KeyValuePair<string, string>> EnvironmentVariables(AlertMessage message, string text)
    {
        ArgumentNullException.ThrowIfNull(message);
        yield return new("GUARD_ALERT_ID", message.Id);
        yield return new("GUARD_ALERT_KIND", message.Kind.ToString());
        yield return new("GUARD_ALERT_SEVERITY", message.Severity.ToString().ToLowerInvariant());
        yield return new("GUARD_ALERT_STATUS", message.Status.ToString().ToLowerInvariant());
        yield return new("GUARD_ALERT_TITLE", AlertText.Title(message));
        yield return new("GUARD_ALERT_TEXT", text);
        yield return new("GUARD_ALERT_MODEL", message.Labels.TryGetValue("model", out var model) ? model : "");
        yield return new("GUARD_ALERT_FINGERPRINT", message.Fingerprint);
        yield return new("GUARD_ALERT_TEST", message.IsTest ? "1" : "0");
    }

    private static async Task WriteStdinAsync(Process process, byte[] payload)
    {
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(payload);
            await process.StandardInput.BaseStream.FlushAsync();
        }
        catch (IOException)
        {
            // The program exited or closed stdin without reading it; the exit code still decides.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // As above: the pipe is already broken.
            }
        }
    }

    /// <summary>A grandchild may keep a pipe open after the program exits; do not wait for it long.</summary>
    private async Task Drain(Task task)
    {
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(2), _context.Time);
        }
        catch (TimeoutException)
        {
            // Leave it: the pipe closes when the grandchild does.
        }
    }

    private async Task<string> Drain(Task<string> reader)
    {
        try
        {
            return await reader.WaitAsync(TimeSpan.FromSeconds(2), _context.Time);
        }
        catch (TimeoutException)
        {
            return "";
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
