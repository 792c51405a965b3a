using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;

namespace Guard.Configuration;

/// <summary><c>Guard:Logging</c>: Serilog is configured in code from these.</summary>
public sealed class GuardLoggingOptions
{
    public LogLevel MinimumLevel { get; set; } = LogLevel.Information;

    /// <summary>Auto picks Journal under systemd (INVOCATION_ID / JOURNAL_STREAM), Plain otherwise.</summary>
    public ConsoleLogFormat ConsoleFormat { get; set; } = ConsoleLogFormat.Auto;

    public bool FileEnabled { get; set; } = true;

    [Range(1, 365)]
    public int RetainedFileCount { get; set; } = 14;
}
