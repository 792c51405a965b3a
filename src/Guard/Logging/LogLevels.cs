using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace Guard.Logging;

/// <summary>Microsoft.Extensions.Logging levels (used in configuration) to Serilog's.</summary>
internal static class LogLevels
{
    public static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
