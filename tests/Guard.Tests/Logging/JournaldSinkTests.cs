using System.Globalization;
using Guard.Configuration;
using Guard.Logging;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;

namespace Guard.Tests.Logging;

public sealed partial class JournaldSinkTests
{
    private const string Category = "Guard.Tests.Journald";
    private const string Secret = "sk-journald-CANARY-7f3Kq9";

    private readonly List<Dictionary<string, string>> _sent = [];
    private readonly StringWriter _fallback = new(CultureInfo.InvariantCulture);

    [Fact]
    public void Emit_LoggerMessageEvent_SendsGuardFields()
    {
        Write(logger => ModelDown(logger, "zhipu/glm-4.7", "RateLimited", 3), send: Record);

        var fields = Assert.Single(_sent);
        Assert.Equal("Model zhipu/glm-4.7 down (RateLimited) after 3 failures", fields["MESSAGE"]);
        Assert.Equal("4", fields["PRIORITY"]);
        Assert.Equal("guard", fields["SYSLOG_IDENTIFIER"]);
        Assert.Equal("ModelDown", fields["GUARD_EVENT"]);
        Assert.Equal("7090", fields["GUARD_EVENT_ID"]);
        Assert.Equal(Category, fields["GUARD_CATEGORY"]);
        Assert.Equal("zhipu/glm-4.7", fields["GUARD_MODEL"]);
        Assert.Equal("RateLimited", fields["GUARD_KIND"]);
        Assert.False(fields.ContainsKey("GUARD_UNIT"));
        Assert.Empty(_fallback.ToString());
    }

    [Theory]
    [InlineData(LogLevel.Trace, "7")]
    [InlineData(LogLevel.Debug, "7")]
    [InlineData(LogLevel.Information, "6")]
    [InlineData(LogLevel.Warning, "4")]
    [InlineData(LogLevel.Error, "3")]
    [InlineData(LogLevel.Critical, "2")]
    public void Emit_EachLevel_MapsToSyslogPriority(LogLevel level, string priority)
    {
        Write(logger => logger.Log(level, new EventId(7091), "Level {Unit}", "openclaw-gateway.service"), send: Record);

        var fields = Assert.Single(_sent);
        Assert.Equal(priority, fields["PRIORITY"]);
        Assert.Equal("7091", fields["GUARD_EVENT"]); // no name: the id stands in
        Assert.Equal("openclaw-gateway.service", fields["GUARD_UNIT"]);
    }

    [Fact]
    public void Emit_SecretInMessagePropertiesAndException_RedactedInEveryField()
    {
        Exception exception;
        try
        {
            throw new InvalidOperationException($"upstream said key {Secret} is invalid\nsecond line");
        }
        catch (InvalidOperationException ex)
        {
            exception = ex;
        }

        Write(
            logger => logger.LogError(new EventId(7092, "Leak"), exception, "Probe of {ModelId} via {Unit} failed: {Kind}", $"m/{Secret}", Secret, Secret),
            send: Record);

        var fields = Assert.Single(_sent);
        Assert.All(fields, field => Assert.DoesNotContain(Secret, field.Value, StringComparison.Ordinal));
        Assert.Equal($"m/{SecretRedactor.Mask}", fields["GUARD_MODEL"]);
        Assert.Equal(SecretRedactor.Mask, fields["GUARD_UNIT"]);
        // The exception travels with the message, newlines intact (the journal keeps them).
        Assert.Contains("\nSystem.InvalidOperationException: upstream said key *** is invalid\nsecond line", fields["MESSAGE"], StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException", fields["GUARD_EXCEPTION_TYPE"]);
    }

    [Fact]
    public void Emit_JournaldRefuses_FallsBackToJournalLine()
    {
        Write(logger => ModelDown(logger, "zhipu/glm-4.7", "Timeout", 3), send: _ => -2); // -ENOENT: no journald

        Assert.Equal($"<4>{Category}[7090] Model zhipu/glm-4.7 down (Timeout) after 3 failures\n", _fallback.ToString());
    }

    [Fact]
    public void Emit_LibsystemdMissing_FallsBackAndStopsTrying()
    {
        var calls = 0;
        Write(
            logger =>
            {
                logger.LogInformation("one");
                logger.LogInformation("two {Secret}", Secret);
            },
            send: _ =>
            {
                calls++;
                throw new DllNotFoundException("libsystemd.so.0");
            });

        Assert.Equal(1, calls);
        Assert.Equal($"<6>{Category} one\n<6>{Category} two ***\n", _fallback.ToString());
    }

    [Fact]
    public void EffectiveConsoleFormat_AutoPrefersJournald_ExplicitJournaldFallsBackToLines()
    {
        Assert.Equal(ConsoleLogFormat.Journald, GuardLogging.EffectiveConsoleFormat(ConsoleLogFormat.Auto, underSystemd: true, journaldAvailable: true));
        Assert.Equal(ConsoleLogFormat.Journal, GuardLogging.EffectiveConsoleFormat(ConsoleLogFormat.Auto, underSystemd: true, journaldAvailable: false));
        Assert.Equal(ConsoleLogFormat.Plain, GuardLogging.EffectiveConsoleFormat(ConsoleLogFormat.Auto, underSystemd: false, journaldAvailable: false));
        Assert.Equal(ConsoleLogFormat.Journal, GuardLogging.EffectiveConsoleFormat(ConsoleLogFormat.Journald, underSystemd: false, journaldAvailable: false));
        Assert.Equal(ConsoleLogFormat.Journal, GuardLogging.EffectiveConsoleFormat(ConsoleLogFormat.Journal, underSystemd: true, journaldAvailable: true));
        Assert.Equal(ConsoleLogFormat.Plain, GuardLogging.EffectiveConsoleFormat(ConsoleLogFormat.Plain, underSystemd: true, journaldAvailable: true));
    }

    [Fact]
    public void IsJournaldAvailable_NeedsJournalStreamAndSocket()
    {
        var socket = Path.GetTempFileName();
        try
        {
            var missing = socket + ".missing";
            Assert.True(GuardLogging.IsJournaldAvailable(Env("8:12345"), socket));
            Assert.False(GuardLogging.IsJournaldAvailable(Env(null), socket));
            Assert.False(GuardLogging.IsJournaldAvailable(Env("8:12345"), missing));
        }
        finally
        {
            File.Delete(socket);
        }

        static Func<string, string?> Env(string? journalStream) => name => name == "JOURNAL_STREAM" ? journalStream : null;
    }

    private int Record(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        Assert.Equal(fields.Count, fields.Select(f => f.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.All(fields, f => Assert.Matches("^[A-Z][A-Z0-9_]*$", f.Key));
        _sent.Add(fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));
        return 0;
    }

    private void Write(Action<Microsoft.Extensions.Logging.ILogger> write, Func<IReadOnlyList<KeyValuePair<string, string>>, int> send)
    {
        var redactor = new SecretRedactor([Secret]);
        var fallback = new TextWriterSink(_fallback, new RedactingFormatter(new JournalFormatter(), redactor));
        var serilog = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new JournaldSink(redactor, fallback, send)).CreateLogger();
        using var factory = new SerilogLoggerFactory(serilog, dispose: true);
        write(factory.CreateLogger(Category));
    }

    [LoggerMessage(EventId = 7090, Level = LogLevel.Warning, Message = "Model {ModelId} down ({Kind}) after {Failures} failures")]
    private static partial void ModelDown(Microsoft.Extensions.Logging.ILogger logger, string modelId, string kind, int failures);
}
