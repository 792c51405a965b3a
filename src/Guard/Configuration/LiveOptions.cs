using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Guard.Configuration;

/// <summary>
/// The current valid options. A changed file is re-validated as a whole; an invalid edit is logged
/// and ignored so a typo never takes a running Guard down. A deleted, unreadable or half-written file
/// reloads as "no keys" in the file provider, which would validate as the built-in defaults: the files
/// are checked first and the last good configuration stays.
/// </summary>
public sealed partial class LiveOptions : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly ILogger<LiveOptions> _logger;
    private readonly ConfigFileStatus? _files;
    private readonly Func<string, string?> _getEnv;
    private readonly TimeProvider _time;
    private readonly IDisposable? _subscription;
    private readonly Lock _gate = new();
    private volatile GuardOptions _current;
    private string? _lastTrouble;

    public LiveOptions(GuardOptions initial, IConfiguration configuration, ILogger<LiveOptions> logger,
        ConfigFileStatus? files = null, Func<string, string?>? getEnv = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(logger);
        _current = initial;
        _configuration = configuration;
        _logger = logger;
        _files = files;
        _getEnv = getEnv ?? Environment.GetEnvironmentVariable;
        _time = time ?? TimeProvider.System;
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public GuardOptions Current => _current;

    /// <summary>Raised after a valid configuration replaced the previous one.</summary>
    public event Action<GuardOptions>? Changed;

    internal void Reload()
    {
        GuardOptions accepted;
        lock (_gate)
        {
            if (_files?.Check() is { } trouble)
            {
                // An editor may write twice per save; one line per distinct problem.
                var key = $"{trouble.Kind}|{trouble.Path}|{trouble.Detail}";
                if (key != _lastTrouble)
                {
                    _lastTrouble = key;
                    LogFileTrouble(trouble);
                    Kept($"{trouble.Path}: {trouble.Kind}{(trouble.Line is { } line ? $" at line {line}, column {trouble.Column ?? 1}" : "")}: {trouble.Detail}");
                }

                return;
            }

            _lastTrouble = null;
            var result = GuardOptionsLoader.Load(_configuration, _getEnv);
            if (!result.IsValid)
            {
                LogReloadRejected(_logger, string.Join("; ", result.Problems));
                Kept(string.Join("; ", result.Problems));
                return;
            }

            accepted = result.Options!;
            _current = accepted;
            KeptConfigurationNotice.Clear(accepted.DataDirectory);
        }

        LogReloaded(_logger);
        Changed?.Invoke(accepted);
    }

    public void Dispose() => _subscription?.Dispose();

    private void Kept(string problem) => KeptConfigurationNotice.Write(_current.DataDirectory, _time.GetUtcNow(), problem);

    private void LogFileTrouble(ConfigFileTrouble trouble)
    {
        switch (trouble.Kind)
        {
            case ConfigFileTroubleKind.Missing:
                LogFileMissing(_logger, trouble.Path);
                break;
            case ConfigFileTroubleKind.Unreadable:
                LogFileUnreadable(_logger, trouble.Path, trouble.Detail);
                break;
            default:
                LogFileInvalid(_logger, trouble.Path, trouble.Line ?? 1, trouble.Column ?? 1, trouble.Detail);
                break;
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Configuration reloaded")]
    private static partial void LogReloaded(ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Configuration change rejected, keeping the previous configuration: {Problems}")]
    private static partial void LogReloadRejected(ILogger logger, string problems);

    [LoggerMessage(EventId = 8401, Level = LogLevel.Warning, Message = "Configuration file {File} was deleted or moved; keeping the last good configuration until it is back")]
    private static partial void LogFileMissing(ILogger logger, string file);

    [LoggerMessage(EventId = 8402, Level = LogLevel.Warning, Message = "Configuration file {File} cannot be read ({Reason}); keeping the last good configuration")]
    private static partial void LogFileUnreadable(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 8403, Level = LogLevel.Warning, Message = "Configuration file {File} is not valid JSON at line {Line}, column {Column}; keeping the last good configuration: {Error}")]
    private static partial void LogFileInvalid(ILogger logger, string file, long line, long column, string error);
}
