using System.Runtime.Versioning;
using System.Text.Json;
using Guard.Configuration;
using Guard.Logging;
using Microsoft.Extensions.Logging;

namespace Guard.Tests.Logging;

public sealed class LogFileTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "guard-log-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void FileSink_WritesOneCompactJsonRecordPerEvent_PrivateModes()
    {
        var options = new GuardOptions { DataDirectory = _dataDirectory };

        using (var factory = GuardLogging.CreateLoggerFactory(options, SecretRedactor.Default, includeFile: true, TextWriter.Null, _ => null))
        {
            var logger = factory.CreateLogger("Guard.Probing.HttpAttempt");
            logger.LogInformation(new EventId(1210), "Attempt {Attempt} to {ModelId}: {Status}", 1, "zhipu/glm-4.7", 429);
            logger.LogInformation("Attempt {Attempt} to {ModelId}: {Status}", 2, "zhipu/glm-4.7", 200);
            logger.LogInformation("Microsoft-style line");
            factory.CreateLogger("System.Net.Http.HttpClient.Default").LogInformation("Sending HTTP request GET https://x/?key=abc");
        }

        var logDirectory = GuardLogging.LogDirectory(_dataDirectory);
        var file = Assert.Single(Directory.GetFiles(logDirectory));
        Assert.Matches(@"api_health\d{8}\.log$", file);
        var records = File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, records.Count);
        Assert.Equal(429, records[0].GetProperty("Status").GetInt32());
        Assert.Equal("Guard.Probing.HttpAttempt", records[0].GetProperty("SourceContext").GetString());
        Assert.Equal(1210, records[0].GetProperty("EventId").GetProperty("Id").GetInt32());
        Assert.True(records[0].TryGetProperty("@t", out _));
        Assert.Equal(2, records[1].GetProperty("Attempt").GetInt32());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(logDirectory));
    }

    [Fact]
    public void FileSink_NotRequested_CreatesNothing()
    {
        var options = new GuardOptions { DataDirectory = _dataDirectory };
        var console = new StringWriter();

        using (var factory = GuardLogging.CreateLoggerFactory(options, SecretRedactor.Default, includeFile: false, console, _ => null))
        {
            factory.CreateLogger("Guard.Cli").LogWarning("console only");
        }

        Assert.False(Directory.Exists(_dataDirectory));
        Assert.Contains("WRN console only", console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FileSink_DisabledInOptions_CreatesNothing()
    {
        var options = new GuardOptions { DataDirectory = _dataDirectory, Logging = new GuardLoggingOptions { FileEnabled = false } };

        using (var logger = GuardLogging.CreateLogger(options.Logging, _dataDirectory, SecretRedactor.Default, underSystemd: false, TextWriter.Null))
        {
            logger.Information("x");
        }

        Assert.False(Directory.Exists(_dataDirectory));
    }
}
