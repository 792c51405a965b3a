using System.Text.Json;
using Guard.State;
using Microsoft.Extensions.Logging;

namespace Guard.Alerts.Outbox;

/// <summary>
/// The persisted outbox (<c>&lt;DataDirectory&gt;/alerts-outbox.json</c>, 0600). Every change is written with
/// <see cref="AtomicFile"/> (fsync'd) before <see cref="Commit"/> returns, so a notification is on disk before its
/// first send and "delivered" is on disk before the next one starts.
/// </summary>
public sealed partial class AlertOutbox
{
    public const string FileName = "alerts-outbox.json";

    /// <summary>Delivered entries stay this long (visible for diagnosis), then only their ids are kept.</summary>
    public static readonly TimeSpan DeliveredRetention = TimeSpan.FromDays(1);

    /// <summary>How long a delivered id is remembered so that it is never sent again.</summary>
    public static readonly TimeSpan RememberDeliveredIds = TimeSpan.FromDays(7);

    public static readonly TimeSpan DeadRetention = TimeSpan.FromDays(7);

    private readonly Lock _gate = new();
    private readonly OutboxDocument _document;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertOutbox> _logger;
    private TaskCompletionSource _changed = NewSignal();
    private bool _saveFailing;

    private AlertOutbox(string path, OutboxDocument document, string? quarantinedTo, TimeProvider time, ILogger<AlertOutbox> logger)
    {
        FilePath = path;
        _document = document;
        QuarantinedTo = quarantinedTo;
        _time = time;
        _logger = logger;
    }

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    public string FilePath { get; }

    /// <summary>Set when the file on disk was unreadable and moved aside at start.</summary>
    public string? QuarantinedTo { get; }

    /// <summary>Completes at the next <see cref="Commit"/> (take it before looking, then wait on it).</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Loads <paramref name="path"/>; missing → empty; unreadable → quarantined with a loud log, empty. Never throws for content.</summary>
    public static AlertOutbox Open(string path, TimeProvider time, ILogger<AlertOutbox> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return new AlertOutbox(full, new OutboxDocument(), null, time, logger);
        }

        string? problem;
        try
        {
            var document = JsonSerializer.Deserialize(File.ReadAllBytes(full), AlertsJsonContext.Default.OutboxDocument);
            problem = document is null ? "file holds null"
                : document.SchemaVersion > OutboxDocument.CurrentSchemaVersion ? $"schema_version {document.SchemaVersion} is newer than this Guard"
                : null;
            if (problem is null)
            {
                var loaded = document!.Normalize();

                // Warm the serializer now: the first "delivered" write after a restart should not pay for it while
                // an acknowledged notification is not yet recorded (the window in which a kill causes a duplicate).
                _ = JsonSerializer.SerializeToUtf8Bytes(loaded, AlertsJsonContext.Default.OutboxDocument);
                LogLoaded(logger, full, loaded.Entries.Count(e => e.State == OutboxEntryState.Pending), loaded.Firing.Count);
                return new AlertOutbox(full, loaded, null, time, logger);
            }
        }
        catch (JsonException e)
        {
            problem = e.Message;
        }

        string? aside = null;
        try
        {
            aside = AtomicFile.QuarantineCorrupt(full, time);
            LogQuarantined(logger, full, problem, aside);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogQuarantineFailed(logger, e, full, problem);
        }

        return new AlertOutbox(full, new OutboxDocument(), aside ?? full, time, logger);
    }

    /// <summary>Reads under the lock. <paramref name="read"/> must not keep or return references into the document.</summary>
    public T Read<T>(Func<OutboxDocument, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read(_document);
        }
    }

    /// <summary>
    /// Applies <paramref name="mutate"/> and writes the file before returning. A failed write (disk full) is logged; the
    /// change stays in memory and reaches the disk with the next successful write. Returns false if the write failed.
    /// </summary>
    public bool Commit(Action<OutboxDocument> mutate)
    {
        ArgumentNullException.ThrowIfNull(mutate);
        TaskCompletionSource signal;
        bool saved;
        lock (_gate)
        {
            mutate(_document);
            _document.Prune(_time.GetUtcNow(), DeliveredRetention, RememberDeliveredIds, DeadRetention);
            saved = Save();
            signal = _changed;
            _changed = NewSignal();
        }

        signal.TrySetResult();
        return saved;
    }

    /// <summary>Changes the document in memory only; the change reaches the disk with the next <see cref="Commit"/>.</summary>
    public void Touch(Action<OutboxDocument> mutate)
    {
        ArgumentNullException.ThrowIfNull(mutate);
        lock (_gate)
        {
            mutate(_document);
        }
    }

    /// <summary>For each of <paramref name="channels"/>, its head entry if that is due at <paramref name="now"/>.</summary>
    public IReadOnlyList<PendingDelivery> DueHeads(DateTimeOffset now, IEnumerable<string> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        lock (_gate)
        {
            return channels
                .Select(_document.Head)
                .Where(h => h is not null && h.NextAttemptAt <= now)
                .Select(h => new PendingDelivery(h!.Id, h.Channel, h.Message, h.Attempts))
                .ToList();
        }
    }

    /// <summary>The earliest time a head entry of <paramref name="channels"/> becomes due, or null when none is pending.</summary>
    public DateTimeOffset? NextDueAt(IEnumerable<string> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        lock (_gate)
        {
            return channels.Select(_document.Head).Where(h => h is not null).Select(h => (DateTimeOffset?)h!.NextAttemptAt).Min();
        }
    }

    /// <summary>Channels with at least one pending entry (including channels no longer configured).</summary>
    public IReadOnlyList<string> PendingChannels()
    {
        lock (_gate)
        {
            return _document.Entries.Where(e => e.State == OutboxEntryState.Pending).Select(e => e.Channel)
                .Distinct(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>True while the last write of the file failed (disk full, read-only): the file is behind memory.</summary>
    public bool SaveFailing
    {
        get
        {
            lock (_gate)
            {
                return _saveFailing;
            }
        }
    }

    /// <summary>Writes the file again if the last write failed, so it catches up as soon as space returns; true if it is current.</summary>
    public bool RetryFailedSave()
    {
        lock (_gate)
        {
            return !_saveFailing || Save();
        }
    }

    private bool Save()
    {
        try
        {
            AtomicFile.WriteAllBytes(FilePath, JsonSerializer.SerializeToUtf8Bytes(_document, AlertsJsonContext.Default.OutboxDocument));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _saveFailing = true;
            LogSaveFailed(_logger, e, FilePath);
            return false;
        }

        if (_saveFailing)
        {
            _saveFailing = false;
            LogSaveRecovered(_logger, FilePath);
        }

        return true;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(EventId = 4050, Level = LogLevel.Information, Message = "Alert outbox loaded from {Path}: {Pending} pending notifications, {Firing} firing alerts")]
    private static partial void LogLoaded(ILogger logger, string path, int pending, int firing);

    [LoggerMessage(EventId = 4051, Level = LogLevel.Error, Message = "Alert outbox {Path} is unreadable ({Problem}); moved aside to {QuarantinePath} and starting EMPTY: undelivered notifications in it are not sent, firing alerts are re-learned from the next probe rounds")]
    private static partial void LogQuarantined(ILogger logger, string path, string problem, string quarantinePath);

    [LoggerMessage(EventId = 4052, Level = LogLevel.Critical, Message = "Alert outbox {Path} is unreadable ({Problem}) and could not be moved aside; starting empty")]
    private static partial void LogQuarantineFailed(ILogger logger, Exception exception, string path, string problem);

    [LoggerMessage(EventId = 4053, Level = LogLevel.Error, Message = "Could not write the alert outbox {Path}; keeping it in memory and retrying with the next change")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 4054, Level = LogLevel.Information, Message = "Alert outbox {Path} written again after earlier failures")]
    private static partial void LogSaveRecovered(ILogger logger, string path);
}
