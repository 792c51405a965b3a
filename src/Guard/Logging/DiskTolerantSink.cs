using Serilog.Core;
using Serilog.Events;

namespace Guard.Logging;

/// <summary>
/// Wraps the log file so a full or read-only disk never ends Guard: a failed write or the final flush at shutdown
/// (which the file sink does in <c>Dispose</c>, and which would otherwise surface as an unhandled IOException on
/// SIGTERM) is said once on <paramref name="report"/> (stderr, which systemd puts in the journal) and dropped.
/// </summary>
internal sealed class DiskTolerantSink(ILogEventSink inner, TextWriter report) : ILogEventSink, IDisposable
{
    private readonly Lock _gate = new();
    private bool _failing;

    public void Emit(LogEvent logEvent)
    {
        try
        {
            inner.Emit(logEvent);
            if (_failing)
            {
                Say(ref _failing, false, "guard: the log file is written again");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Say(ref _failing, true, $"guard: cannot write the log file ({e.Message}); log lines go to stderr/the journal only until it can");
        }
    }

    public void Dispose()
    {
        try
        {
            (inner as IDisposable)?.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report($"guard: the log file's last lines could not be written at shutdown ({e.Message}); stopping anyway");
        }
    }

    private void Say(ref bool flag, bool value, string line)
    {
        lock (_gate)
        {
            if (flag == value)
            {
                return;
            }

            flag = value;
        }

        Report(line);
    }

    private void Report(string line)
    {
        try
        {
            report.WriteLine(line);
            report.Flush();
        }
        catch (IOException)
        {
            // stderr itself is gone: nothing left to tell.
        }
    }
}
