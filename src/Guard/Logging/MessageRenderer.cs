using Serilog.Events;
using Serilog.Parsing;

namespace Guard.Logging;

/// <summary>Renders a message the way Microsoft.Extensions.Logging would: string values unquoted.</summary>
internal static class MessageRenderer
{
    public static void Render(LogEvent logEvent, TextWriter output, IFormatProvider? formatProvider)
    {
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property
                && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text })
            {
                output.Write(text);
            }
            else
            {
                token.Render(logEvent.Properties, output, formatProvider);
            }
        }
    }

    /// <summary><c>Category[EventId]</c> as the systemd console formatter prints it, so ids are grep-able.</summary>
    public static void RenderSource(LogEvent logEvent, TextWriter output)
    {
        output.Write(logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string name }
            ? name
            : "guard");
        if (logEvent.Properties.TryGetValue("EventId", out var eventId)
            && eventId is StructureValue structure
            && structure.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: { } id })
        {
            output.Write('[');
            output.Write(Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture));
            output.Write(']');
        }
    }
}
