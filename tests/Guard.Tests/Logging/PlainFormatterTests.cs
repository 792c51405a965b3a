using System.Text.RegularExpressions;
using Guard.Configuration;
using Guard.Logging;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;

namespace Guard.Tests.Logging;

public class PlainFormatterTests
{
    [Fact]
    public void Format_InteractiveLine_HasTimeLevelAndMessage_ExceptionBelow()
    {
        var console = new StringWriter();
        var options = new GuardLoggingOptions { ConsoleFormat = ConsoleLogFormat.Auto };
        using (var factory = new SerilogLoggerFactory(
            GuardLogging.CreateLogger(options, null, SecretRedactor.Default, underSystemd: false, console), dispose: true))
        {
            var logger = factory.CreateLogger("Guard.Tests.Plain");
            logger.LogInformation("Probing {ModelId}", "zhipu/glm-4.7");
            logger.LogError(new TimeoutException("no answer"), "Probe failed");
            logger.LogDebug("below the minimum level");
        }

        var lines = console.ToString().Split('\n');
        Assert.Matches(new Regex(@"^\d\d:\d\d:\d\d INF Probing zhipu/glm-4.7$"), lines[0]);
        Assert.Matches(new Regex(@"^\d\d:\d\d:\d\d ERR Probe failed$"), lines[1]);
        Assert.Equal("System.TimeoutException: no answer", lines[2]);
        Assert.DoesNotContain("below the minimum", console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EffectiveConsoleFormat_AutoFollowsSystemd_ExplicitWins()
    {
        Assert.Equal(ConsoleLogFormat.Journal, GuardLogging.EffectiveConsoleFormat(ConsoleLogFormat.Auto, underSystemd: true));
        Assert.Equal(ConsoleLogFormat.Plain, GuardLogging.EffectiveConsoleFormat(ConsoleLogFormat.Auto, underSystemd: false));
        Assert.Equal(ConsoleLogFormat.Plain, GuardLogging.EffectiveConsoleFormat(ConsoleLogFormat.Plain, underSystemd: true));
        Assert.Equal(ConsoleLogFormat.Journal, GuardLogging.EffectiveConsoleFormat(ConsoleLogFormat.Journal, underSystemd: false));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("0123abcd", null, true)]
    [InlineData(null, "8:12345", true)]
    [InlineData("", "", false)]
    public void IsUnderSystemd_ReadsInvocationIdOrJournalStream(string? invocationId, string? journalStream, bool expected)
    {
        var env = new Dictionary<string, string?> { ["INVOCATION_ID"] = invocationId, ["JOURNAL_STREAM"] = journalStream };

        Assert.Equal(expected, GuardLogging.IsUnderSystemd(name => env.GetValueOrDefault(name)));
    }
}
