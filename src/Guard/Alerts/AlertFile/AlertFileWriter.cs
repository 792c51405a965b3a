using System.Text.Json;
using Guard.State;
using Microsoft.Extensions.Logging;

namespace Guard.Alerts.AlertFile;

/// <summary>
/// Writes <c>&lt;DataDirectory&gt;/.api_health_alert.json</c> (atomic, 0600) for the workspace heartbeat
/// ("read .api_health_alert.json each heartbeat and tell the owner"). Always present; an empty list means all is well.
/// </summary>
public sealed partial class AlertFileWriter(string path, ILogger<AlertFileWriter> logger)
{
    public const string FileName = ".api_health_alert.json";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    public string FilePath { get; } = Path.GetFullPath(path);

    public static AlertFileDocument Build(IEnumerable<FiringAlert> firing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(firing);
        var items = firing
            .OrderByDescending(a => a.Severity)
            .ThenBy(a => a.Since)
            .Select(a => new AlertFileItem(a.Model, a.Severity.ToString(), a.FailureKind ?? a.Kind.ToString(), a.Message, a.Since))
            .ToList();
        return new AlertFileDocument(now, items, items.Count);
    }

    /// <summary>Never throws for I/O: the heartbeat file must not take the alert path down with it.</summary>
    public bool Write(IEnumerable<FiringAlert> firing, DateTimeOffset now)
    {
        var document = Build(firing, now);
        try
        {
            AtomicFile.WriteAllBytes(FilePath, JsonSerializer.SerializeToUtf8Bytes(document, AlertsJsonContext.Default.AlertFileDocument));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(logger, e, FilePath);
            return false;
        }
    }

    [LoggerMessage(EventId = 4060, Level = LogLevel.Error, Message = "Could not write the alert file {Path}; the heartbeat sees stale alerts until the next change")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string path);
}
