using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;

namespace Guard.Logging;

/// <summary>
/// Wraps every sink's formatter: the finished text (message, properties, exception) is redacted as a
/// whole, so no formatter can forget a field.
/// </summary>
public sealed class RedactingFormatter : ITextFormatter
{
    private readonly ITextFormatter _inner;
    private readonly SecretRedactor _redactor;

    public RedactingFormatter(ITextFormatter inner, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(redactor);
        _inner = inner;
        _redactor = redactor;
    }

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        _inner.Format(logEvent, buffer);
        output.Write(_redactor.Redact(buffer.ToString()));
    }
}
