using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Guard.Configuration;

/// <summary>
/// The current valid options. A changed file is re-validated as a whole; an invalid edit is logged
/// and ignored so a typo never takes a running Guard down.
/// </summary>
public sealed partial class LiveOptions : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly ILogger<LiveOptions> _logger;
    private readonly IDisposable? _subscription;
    private volatile GuardOptions _current;

    public LiveOptions(GuardOptions initial, IConfiguration configuration, ILogger<LiveOptions> logger)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(logger);
        _current = initial;
        _configuration = configuration;
        _logger = logger;
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public GuardOptions Current => _current;

    /// <summary>Raised after a valid configuration replaced the previous one.</summary>
    public event Action<GuardOptions>? Changed;

    internal void Reload()
    {
        var result = GuardOptionsLoader.Load(_configuration);
        if (!result.IsValid)
        {
            LogReloadRejected(_logger, string.Join("; ", result.Problems));
            return;
        }

        _current = result.Options!;
        LogReloaded(_logger);
        Changed?.Invoke(_current);
    }

    public void Dispose() => _subscription?.Dispose();

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Configuration reloaded")]
    private static partial void LogReloaded(ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Configuration change rejected, keeping the previous configuration: {Problems}")]
    private static partial void LogReloadRejected(ILogger logger, string problems);
}
