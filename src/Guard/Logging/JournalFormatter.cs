using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;

namespace Guard.Logging;

/// <summary>
/// journald console format: <c>&lt;N&gt;Category[EventId] message exception</c> on exactly one line. journald
/// turns the <c>&lt;N&gt;</c> prefix into PRIORITY (so <c>journalctl -p warning</c> works) and adds the timestamp.
/// </summary>
public sealed class JournalFormatter : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        using var line = new StringWriter(CultureInfo.InvariantCulture);
        line.Write('<');
        line.Write(Priority(logEvent.Level));
        line.Write('>');
        MessageRenderer.RenderSource(logEvent, line);
        line.Write(' ');
        MessageRenderer.Render(logEvent, line, CultureInfo.InvariantCulture);
        if (logEvent.Exception is not null)
        {
            line.Write(' ');
            line.Write(logEvent.Exception.ToString());
        }

        output.Write(OneLine(line.ToString()));
        output.Write('\n');
    }

    /// <summary>RFC 5424 severity, as Microsoft's systemd console formatter maps it.</summary>
    public static int Priority(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => 7,
        LogEventLevel.Information => 6,
        LogEventLevel.Warning => 4,
        LogEventLevel.Error => 3,
        _ => 2,
    };

    // journald splits records on '\n'; a stray '\r' would garble `journalctl` output.
    private static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
