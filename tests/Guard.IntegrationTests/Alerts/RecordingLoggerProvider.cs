using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Guard.IntegrationTests.Alerts;

/// <summary>Keeps formatted log records (category, event id, message) in memory.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId Id, LogLevel Level, string Message)> _records = new();

    public IReadOnlyList<(string Category, EventId Id, LogLevel Level, string Message)> Records => _records.ToList();

    public string AllText => string.Join('\n', _records.Select(r => r.Message));

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _records);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<(string, EventId, LogLevel, string)> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue((category, eventId, logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
