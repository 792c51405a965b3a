using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace Guard.Logging;

/// <summary>
/// Writes each event to journald over its native protocol (<c>sd_journal_sendv</c>) with Guard's fields, so
/// <c>journalctl --user -u guard GUARD_MODEL=zhipu/glm-4.7</c> and <c>journalctl -p warning</c> work. Every field
/// value passes the redactor. When an entry cannot be sent (no libsystemd, journald gone) the event goes to the
/// fallback sink (the <c>&lt;N&gt;</c> stderr line) instead of being lost.
/// </summary>
internal sealed class JournaldSink : ILogEventSink
{
    public const string SyslogIdentifier = "guard";

    private readonly SecretRedactor _redactor;
    private readonly ILogEventSink _fallback;
    private readonly Func<IReadOnlyList<KeyValuePair<string, string>>, int> _send;
    private volatile bool _libraryMissing;

    public JournaldSink(SecretRedactor redactor, ILogEventSink fallback)
        : this(redactor, fallback, SdJournalNative.Send)
    {
    }

    internal JournaldSink(SecretRedactor redactor, ILogEventSink fallback, Func<IReadOnlyList<KeyValuePair<string, string>>, int> send)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(fallback);
        ArgumentNullException.ThrowIfNull(send);
        _redactor = redactor;
        _fallback = fallback;
        _send = send;
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (!_libraryMissing)
        {
            try
            {
                if (_send(Fields(logEvent, _redactor)) >= 0)
                {
                    return;
                }
            }
            catch (DllNotFoundException)
            {
                _libraryMissing = true;
            }
            catch (EntryPointNotFoundException)
            {
                _libraryMissing = true;
            }
        }

        _fallback.Emit(logEvent);
    }

    /// <summary>The journal fields for one event, every value redacted. Order: MESSAGE first, as journalctl prints it.</summary>
    internal static List<KeyValuePair<string, string>> Fields(LogEvent logEvent, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(redactor);
        var fields = new List<KeyValuePair<string, string>>(12);
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                fields.Add(new(key, redactor.Redact(value)));
            }
        }

        using var message = new StringWriter(CultureInfo.InvariantCulture);
        MessageRenderer.Render(logEvent, message, CultureInfo.InvariantCulture);
        if (logEvent.Exception is not null)
        {
            // journalctl shows only MESSAGE; the stack trace belongs with it (the journal keeps newlines).
            message.Write('\n');
            message.Write(logEvent.Exception.ToString());
        }

        Add("MESSAGE", message.ToString());
        Add("PRIORITY", JournalFormatter.Priority(logEvent.Level).ToString(CultureInfo.InvariantCulture));
        Add("SYSLOG_IDENTIFIER", SyslogIdentifier);
        var (eventId, eventName) = EventId(logEvent);
        Add("GUARD_EVENT", eventName ?? eventId);
        Add("GUARD_EVENT_ID", eventId);
        Add("GUARD_CATEGORY", Scalar(logEvent, "SourceContext"));
        Add("GUARD_MODEL", Scalar(logEvent, "ModelId") ?? Scalar(logEvent, "Model"));
        Add("GUARD_KIND", Scalar(logEvent, "Kind") ?? Scalar(logEvent, "FailureKind"));
        Add("GUARD_UNIT", Scalar(logEvent, "Unit"));
        Add("GUARD_CHANNEL", Scalar(logEvent, "Channel"));
        Add("GUARD_EXCEPTION_TYPE", logEvent.Exception?.GetType().FullName);
        return fields;
    }

    private static string? Scalar(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: { } scalar }
            ? Convert.ToString(scalar, CultureInfo.InvariantCulture)
            : null;

    // Microsoft.Extensions.Logging events carry EventId as a structure { Id, Name }; [LoggerMessage] names it
    // after the method, which reads better in a journalctl filter than a number.
    private static (string? Id, string? Name) EventId(LogEvent logEvent)
    {
        if (!logEvent.Properties.TryGetValue("EventId", out var value) || value is not StructureValue structure)
        {
            return (null, null);
        }

        string? Part(string name) =>
            structure.Properties.FirstOrDefault(p => p.Name == name)?.Value is ScalarValue { Value: { } scalar }
                ? Convert.ToString(scalar, CultureInfo.InvariantCulture)
                : null;

        var id = Part("Id");
        return (id == "0" ? null : id, Part("Name"));
    }
}
