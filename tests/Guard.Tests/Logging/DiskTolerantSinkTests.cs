using Guard.Logging;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Guard.Tests.Logging;

public sealed class DiskTolerantSinkTests
{
    [Fact]
    public void A_file_that_cannot_be_written_or_flushed_is_said_once_and_never_throws()
    {
        var inner = new FailingSink();
        var report = new StringWriter();
        var sink = new DiskTolerantSink(inner, report);

        sink.Emit(Event());
        sink.Emit(Event());
        inner.Fail = false;
        sink.Emit(Event());
        inner.Fail = true;
        sink.Dispose();

        var lines = report.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("cannot write the log file (No space left on device)", lines[0], StringComparison.Ordinal);
        Assert.Contains("written again", lines[1], StringComparison.Ordinal);
        Assert.Contains("could not be written at shutdown", lines[2], StringComparison.Ordinal);
        Assert.True(inner.Disposed);
    }

    private static LogEvent Event() =>
        new(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse("line"), []);

    private sealed class FailingSink : ILogEventSink, IDisposable
    {
        public bool Fail { get; set; } = true;

        public bool Disposed { get; private set; }

        public void Emit(LogEvent logEvent)
        {
            if (Fail)
            {
                throw new IOException("No space left on device");
            }
        }

        public void Dispose()
        {
            Disposed = true;
            throw new IOException("No space left on device");
        }
    }
}
