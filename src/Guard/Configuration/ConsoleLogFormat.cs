namespace Guard.Configuration;

/// <summary>Console log line format.</summary>
public enum ConsoleLogFormat
{
    Auto,
    Journal,
    Plain,
}
