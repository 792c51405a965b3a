using Microsoft.Extensions.Logging;

namespace Guard.OpenClaw.Advice;

/// <summary>Log messages of Reorder = Apply besides OpenClawLog's 6050/6051 (event ids 6052–6059).</summary>
internal static partial class ReorderLog
{
    [LoggerMessage(EventId = 6052, Level = LogLevel.Warning, Message = "The chain was changed outside Guard ({Chain}); adopting it as the owner's order, no write")]
    public static partial void ChangedOutside(this ILogger logger, string chain);

    [LoggerMessage(EventId = 6053, Level = LogLevel.Information, Message = "Remembering the owner's chain {Chain}")]
    public static partial void RememberedOriginal(this ILogger logger, string chain);

    [LoggerMessage(EventId = 6054, Level = LogLevel.Information, Message = "Fallback order change due ({Why}) but held back until {NotBefore} (ReorderMinInterval)")]
    public static partial void HeldBack(this ILogger logger, string why, DateTimeOffset notBefore);

}
