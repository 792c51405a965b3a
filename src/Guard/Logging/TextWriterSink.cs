using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Guard.Logging;

/// <summary>Console sink over any <see cref="TextWriter"/> (stderr in production, a StringWriter in tests).</summary>
internal sealed class TextWriterSink : ILogEventSink
{
    private readonly TextWriter _writer;
    private readonly ITextFormatter _formatter;
    private readonly Lock _sync = new();

    public TextWriterSink(TextWriter writer, ITextFormatter formatter)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(formatter);
        _writer = writer;
        _formatter = formatter;
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        lock (_sync)
        {
            _formatter.Format(logEvent, _writer);
            _writer.Flush();
        }
    }
}
