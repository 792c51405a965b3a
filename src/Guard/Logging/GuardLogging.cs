using Guard.Configuration;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace Guard.Logging;

/// <summary>
/// Serilog configured in code (AOT: no Serilog.Settings.Configuration): redacted console in journald or
/// plain format on stderr, plus the compact-JSON daily file <c>&lt;DataDirectory&gt;/logs/api_health.log</c>.
/// </summary>
public static class GuardLogging
{
    public const string LogDirectoryName = "logs";

    /// <summary>Serilog inserts the date before the extension: <c>api_health20261124.log</c>.</summary>
    public const string LogFileName = "api_health.log";

    /// <summary>How the files on disk are named, for messages and docs.</summary>
    public const string DatedFileNamePattern = "api_healthYYYYMMDD.log";

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static string LogDirectory(string dataDirectory) => Path.Combine(dataDirectory, LogDirectoryName);

    /// <summary>systemd sets INVOCATION_ID for every service and JOURNAL_STREAM when stdout/stderr go to the journal.</summary>
    public static bool IsUnderSystemd(Func<string, string?>? getEnvironmentVariable = null)
    {
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        return !string.IsNullOrEmpty(getEnvironmentVariable("INVOCATION_ID"))
            || !string.IsNullOrEmpty(getEnvironmentVariable("JOURNAL_STREAM"));
    }

    public static ConsoleLogFormat EffectiveConsoleFormat(ConsoleLogFormat configured, bool underSystemd) =>
        EffectiveConsoleFormat(configured, underSystemd, journaldAvailable: false);

    /// <summary>
    /// Auto prefers journald's native protocol when stderr goes to the journal and its socket exists, then
    /// <c>&lt;N&gt;</c> lines under systemd, then plain text. An explicit Journald without a journald falls back to lines.
    /// </summary>
    public static ConsoleLogFormat EffectiveConsoleFormat(ConsoleLogFormat configured, bool underSystemd, bool journaldAvailable) => configured switch
    {
        ConsoleLogFormat.Auto when journaldAvailable => ConsoleLogFormat.Journald,
        ConsoleLogFormat.Auto => underSystemd ? ConsoleLogFormat.Journal : ConsoleLogFormat.Plain,
        ConsoleLogFormat.Journald => journaldAvailable ? ConsoleLogFormat.Journald : ConsoleLogFormat.Journal,
        _ => configured,
    };

    /// <summary>
    /// systemd sets JOURNAL_STREAM only when stderr is connected to the journal; the socket is where
    /// sd_journal_sendv writes. Both are needed before native entries can replace the stderr lines.
    /// </summary>
    public static bool IsJournaldAvailable(Func<string, string?>? getEnvironmentVariable = null, string socketPath = SdJournalNative.SocketPath)
    {
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        return OperatingSystem.IsLinux()
            && !string.IsNullOrEmpty(getEnvironmentVariable("JOURNAL_STREAM"))
            && File.Exists(socketPath);
    }

    /// <summary>
    /// Builds the logger. <paramref name="dataDirectory"/> null (or <c>FileEnabled=false</c>) means no file sink,
    /// for commands that must not create the data directory. The console goes to stderr so stdout stays clean
    /// for <c>--json</c> output; under systemd stderr reaches the journal just the same.
    /// </summary>
    public static Logger CreateLogger(
        GuardLoggingOptions options, string? dataDirectory, SecretRedactor redactor, bool underSystemd, TextWriter? console = null,
        bool journaldAvailable = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redactor);
        var minimum = LogLevels.ToSerilog(options.MinimumLevel);
        // HttpClient logs request URLs at Information; framework chatter is not Guard's story.
        var quiet = minimum > LogEventLevel.Warning ? minimum : LogEventLevel.Warning;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .MinimumLevel.Override("Microsoft", quiet)
            .MinimumLevel.Override("System.Net.Http", quiet);
        if (options.MinimumLevel == LogLevel.None)
        {
            configuration.Filter.ByExcluding(_ => true);
        }

        var format = EffectiveConsoleFormat(options.ConsoleFormat, underSystemd, journaldAvailable);
        var consoleFormatter = format is ConsoleLogFormat.Journal or ConsoleLogFormat.Journald
            ? (Serilog.Formatting.ITextFormatter)new JournalFormatter()
            : new PlainFormatter();
        var consoleSink = new TextWriterSink(console ?? Console.Error, new RedactingFormatter(consoleFormatter, redactor));
        // Native entries replace the stderr lines (under systemd both would land in the journal).
        configuration.WriteTo.Sink(format == ConsoleLogFormat.Journald ? new JournaldSink(redactor, consoleSink) : consoleSink);

        if (dataDirectory is not null && options.FileEnabled)
        {
            var directory = LogDirectory(dataDirectory);
            CreatePrivateDirectory(directory);
            // The file sink lives in its own logger so DiskTolerantSink owns (and guards) its final flush.
            var file = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.File(
                new RedactingFormatter(new CompactJsonFormatter(), redactor),
                Path.Combine(directory, LogFileName),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: options.RetainedFileCount,
                shared: false,
                flushToDiskInterval: TimeSpan.FromSeconds(1),
                hooks: new PrivateFileHooks()).CreateLogger();
            configuration.WriteTo.Sink(new DiskTolerantSink(file, console ?? Console.Error));
        }

        return configuration.CreateLogger();
    }

    /// <summary>
    /// The same sinks as an <see cref="ILoggerFactory"/> for one-shot commands (e.g. <c>guard probe</c> writing one
    /// record per HTTP attempt). Disposing the factory flushes and closes the file.
    /// </summary>
    public static ILoggerFactory CreateLoggerFactory(
        GuardOptions options, SecretRedactor redactor, bool includeFile, TextWriter? console = null, Func<string, string?>? getEnvironmentVariable = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redactor);
        var logger = CreateLogger(
            options.Logging,
            includeFile ? options.DataDirectory : null,
            redactor,
            IsUnderSystemd(getEnvironmentVariable),
            console,
            journaldAvailable: console is null && IsJournaldAvailable(getEnvironmentVariable));
        return new SerilogLoggerFactory(logger, dispose: true);
    }

    private static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        try
        {
            var existed = Directory.Exists(directory);
            Directory.CreateDirectory(directory, DirectoryMode);
            if (!existed)
            {
                // CreateDirectory's mode is still filtered by the umask.
                File.SetUnixFileMode(directory, DirectoryMode);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryUnavailableException(directory, e.Message, e);
        }
    }
}
