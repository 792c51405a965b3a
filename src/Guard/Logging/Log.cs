using Microsoft.Extensions.Logging;

namespace Guard.Logging;

/// <summary>Logging area messages; event ids 1200-1299, never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information,
        Message = "Guard {Version} logging: console {ConsoleFormat}, file {LogFile}, masking {SecretCount} configured secret values")]
    public static partial void LoggingStarted(ILogger logger, string version, string consoleFormat, string logFile, int secretCount);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information,
        Message = "Chain model {ModelId}: {Api} at {BaseUrl}, key from ${ApiKeyEnv} ({KeyState})")]
    public static partial void ChainModel(ILogger logger, string modelId, string api, string baseUrl, string apiKeyEnv, string keyState);
}
