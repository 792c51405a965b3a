using System.Text.RegularExpressions;
using Guard.Configuration;
using Guard.Logging;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;

namespace Guard.Tests.Logging;

public partial class JournalFormatterTests
{
    private const string Category = "Guard.Tests.Journal";

    [Theory]
    [InlineData(LogLevel.Trace, 7)]
    [InlineData(LogLevel.Debug, 7)]
    [InlineData(LogLevel.Information, 6)]
    [InlineData(LogLevel.Warning, 4)]
    [InlineData(LogLevel.Error, 3)]
    [InlineData(LogLevel.Critical, 2)]
    public void Format_EachLevel_HasSyslogPriorityPrefix(LogLevel level, int priority)
    {
        var output = Log(logger => logger.Log(level, new EventId(1299, "X"), "Level check {Value}", "v1"));

        Assert.Equal($"<{priority}>{Category}[1299] Level check v1\n", output);
    }

    [Fact]
    public void Format_LoggerMessageEvent_CarriesSourceContextAndEventId()
    {
        var output = Log(logger => ModelDown(logger, "zhipu/glm-4.7", 3));

        Assert.Equal($"<4>{Category}[1250] Model zhipu/glm-4.7 down after 3 failures\n", output);
    }

    [Fact]
    public void Format_MultiLineMessageAndException_StaysOneLine()
    {
        Exception exception;
        try
        {
            throw new InvalidOperationException("first line\nsecond line\r\nthird line");
        }
        catch (InvalidOperationException ex)
        {
            exception = ex;
        }

        var output = Log(logger => logger.LogError(new EventId(1251), exception, "Body was:\n{Body}\r\nend", "{\n  \"error\": 1\n}"));

        Assert.EndsWith("\n", output, StringComparison.Ordinal);
        var lines = output.TrimEnd('\n').Split('\n');
        var line = Assert.Single(lines);
        Assert.DoesNotContain('\r', line);
        Assert.StartsWith($"<3>{Category}[1251] Body was: {{   \"error\": 1 }} end System.InvalidOperationException: first line second line third line", line, StringComparison.Ordinal);
        Assert.Contains(nameof(Format_MultiLineMessageAndException_StaysOneLine), line, StringComparison.Ordinal); // stack trace kept
    }

    [Fact]
    public void Format_SeveralEvents_OneLineEach()
    {
        var output = Log(logger =>
        {
            logger.LogInformation("one\ntwo");
            logger.LogWarning("three");
            ModelDown(logger, "a/b", 1);
        });

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Matches(new Regex(@"^<[2-7]>Guard\.Tests\.Journal(\[\d+\])? \S"), l));
    }

    [Fact]
    public void Format_EventWithoutSourceContext_UsesProgramName()
    {
        var console = new StringWriter();
        using (var logger = GuardLogging.CreateLogger(Options(), null, SecretRedactor.Default, underSystemd: true, console))
        {
            logger.Warning("plain serilog");
        }

        Assert.Equal("<4>guard plain serilog\n", console.ToString());
    }

    private static string Log(Action<ILogger> write)
    {
        var console = new StringWriter();
        using (var factory = new SerilogLoggerFactory(
            GuardLogging.CreateLogger(Options(), null, SecretRedactor.Default, underSystemd: false, console), dispose: true))
        {
            write(factory.CreateLogger(Category));
        }

        return console.ToString();
    }

    private static GuardLoggingOptions Options() => new() { MinimumLevel = LogLevel.Trace, ConsoleFormat = ConsoleLogFormat.Journal };

    [LoggerMessage(EventId = 1250, Level = LogLevel.Warning, Message = "Model {ModelId} down after {Failures} failures")]
    private static partial void ModelDown(ILogger logger, string modelId, int failures);
}
