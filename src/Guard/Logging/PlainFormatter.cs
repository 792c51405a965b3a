using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;

namespace Guard.Logging;

/// <summary>Interactive console format: <c>HH:mm:ss LVL message</c>, exception on the following lines.</summary>
public sealed class PlainFormatter : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(logEvent.Timestamp.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        output.Write(' ');
        output.Write(Abbreviation(logEvent.Level));
        output.Write(' ');
        MessageRenderer.Render(logEvent, output, CultureInfo.InvariantCulture);
        output.Write('\n');
        if (logEvent.Exception is not null)
        {
            output.Write(logEvent.Exception.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
            output.Write('\n');
        }
    }

    public static string Abbreviation(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "VRB",
        LogEventLevel.Debug => "DBG",
        LogEventLevel.Information => "INF",
        LogEventLevel.Warning => "WRN",
        LogEventLevel.Error => "ERR",
        _ => "FTL",
    };
}
