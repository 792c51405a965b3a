namespace Guard.Configuration;

/// <summary>Console log line format.</summary>
public enum ConsoleLogFormat
{
    Auto,

    /// <summary>One <c>&lt;N&gt;Category[EventId] message</c> line per event on stderr.</summary>
    Journal,

    Plain,

    /// <summary>journald's native protocol with structured GUARD_* fields; Journal lines when no journald listens.</summary>
    Journald,
}
