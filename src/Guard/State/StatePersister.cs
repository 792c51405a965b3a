using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.State;

/// <summary>
/// Saves the <see cref="StateStore"/> after each batch of changes and once more at shutdown.
/// A failed save (disk full, permissions) is logged and retried on the next change; it never stops Guard.
/// </summary>
public sealed partial class StatePersister : BackgroundService
{
    /// <summary>Changes within this window after the first one are written together.</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromSeconds(1);

    private readonly StateStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<StatePersister> _logger;
    private readonly SemaphoreSlim _saving = new(1, 1);
    private long _savedVersion;
    private bool _failing;

    public StatePersister(StateStore store, TimeProvider time, ILogger<StatePersister> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _time = time;
        _logger = logger;

        // What was loaded is already on disk (or deliberately not: a fresh start writes on the first change).
        _savedVersion = store.Version;
    }

    /// <summary>The store version last written successfully.</summary>
    public long SavedVersion => Interlocked.Read(ref _savedVersion);

    /// <summary>Test hook: called when a batch window starts (its timer already created).</summary>
    internal Action? BatchWindowStarted { get; set; }

    /// <summary>Test hook: called after every save attempt with its outcome.</summary>
    internal Action<bool>? Flushed { get; set; }

    /// <summary>Writes the current state if it changed since the last successful save. Returns false if the write failed.</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        bool ok;
        try
        {
            ok = Save();
        }
        finally
        {
            _saving.Release();
        }

        Flushed?.Invoke(ok);
        return ok;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // Everything accepted before shutdown reaches the disk, even mid-batch.
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var attempted = _savedVersion;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // After a failure wait for a newer change rather than spinning on the same one.
                await _store.WaitForChangeAsync(attempted, stoppingToken).ConfigureAwait(false);
                var window = Task.Delay(BatchWindow, _time, stoppingToken);
                BatchWindowStarted?.Invoke();
                await window.ConfigureAwait(false);
                attempted = _store.Version;
                await FlushAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: StopAsync writes the final state.
        }
    }

    public override void Dispose()
    {
        _saving.Dispose();
        base.Dispose();
    }

    private bool Save()
    {
        var (state, version) = _store.Current();
        if (version == _savedVersion)
        {
            return true;
        }

        try
        {
            StateFile.Save(_store.FilePath, state);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _failing = true;
            LogSaveFailed(_logger, e, _store.FilePath);
            return false;
        }

        Interlocked.Exchange(ref _savedVersion, version);
        if (_failing)
        {
            _failing = false;
            LogSaveRecovered(_logger, _store.FilePath);
        }
        else
        {
            LogSaved(_logger, _store.FilePath, version);
        }

        return true;
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Debug, Message = "State saved to {Path} (version {Version})")]
    private static partial void LogSaved(ILogger logger, string path, long version);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Error, Message = "Could not save state to {Path}; keeping it in memory and retrying on the next change")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Information, Message = "State saved to {Path} again after earlier failures")]
    private static partial void LogSaveRecovered(ILogger logger, string path);
}
