using System.Diagnostics;
using Guard.Configuration;
using Guard.Tests.State;
using Microsoft.Extensions.Configuration;

namespace Guard.Tests.Configuration;

/// <summary>
/// Live reload over real files and the real file watcher: a deleted, unreadable, truncated or invalid --config file
/// keeps the last good options (never the built-in defaults) and logs why, with line and column for JSON errors.
/// </summary>
public sealed class LiveOptionsFileTests : IDisposable
{
    private const string Good = """{"Guard":{"Recovery":{"Enabled":false},"Probe":{"DownAfter":7}}}""";
    private readonly string _root = Directory.CreateTempSubdirectory("guard-live-").FullName;
    private readonly string _file;
    private readonly RecordingLogger<LiveOptions> _logger = new();
    private readonly IConfigurationRoot _configuration;
    private readonly LiveOptions _live;

    public LiveOptionsFileTests()
    {
        _file = Path.Combine(_root, "guard.json");
        File.WriteAllText(_file, Good);
        var files = new ConfigFileStatus();
        var (configuration, problems) = GuardConfigurationBuilder.Build(_file, reloadOnChange: true, baseDirectory: _root, files: files);
        Assert.Empty(problems);
        _configuration = configuration!;
        var loaded = GuardOptionsLoader.Load(_configuration);
        Assert.True(loaded.IsValid, string.Join(" | ", loaded.Problems));
        _live = new LiveOptions(loaded.Options!, _configuration, _logger, files, _ => null);
    }

    public void Dispose()
    {
        _live.Dispose();
        (_configuration as IDisposable)?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Deleting_the_file_keeps_the_last_good_configuration()
    {
        File.Delete(_file);

        var entry = await WaitForEvent(8401);
        Assert.Contains(_file, entry.Message, StringComparison.Ordinal);
        AssertStillGood();

        await File.WriteAllTextAsync(_file, Good.Replace("7", "9", StringComparison.Ordinal));
        await WaitFor(() => _live.Current.Probe.DownAfter == 9, "the recreated file was not applied");
        Assert.False(_live.Current.Recovery.Enabled);
    }

    [Fact]
    public async Task Replacing_the_file_with_a_directory_is_unreadable_and_kept()
    {
        File.Delete(_file);
        Directory.CreateDirectory(_file);

        await WaitForEvent(8402, 8401);
        AssertStillGood();
    }

    [Theory]
    [InlineData("{\"Guard\":{\"Recovery\":{\"Enabled\":false},\n  \"Probe\":{\"DownAfter\":", 2)]
    [InlineData("", 1)]
    [InlineData("{\"Guard\":{\n\"Probe\":{\"DownAfter\": three}}}", 2)]
    public async Task A_truncated_or_invalid_edit_is_logged_with_line_and_column_and_ignored(string content, int line)
    {
        await File.WriteAllTextAsync(_file, content);

        // The watcher may also see the file while it is being written (empty: line 1), so look for the final one.
        await WaitFor(
            () => Entries().Any(e => e.Id.Id == 8403 && e.Message.Contains(_file, StringComparison.Ordinal) && e.Message.Contains($"line {line}, column ", StringComparison.Ordinal)),
            $"no 8403 naming line {line}; got: {string.Join(" | ", Entries().Select(e => e.Message))}");
        AssertStillGood();

        // The next valid edit is applied.
        await File.WriteAllTextAsync(_file, """{"Guard":{"Recovery":{"Enabled":false},"Probe":{"DownAfter":4}}}""");
        await WaitFor(() => _live.Current.Probe.DownAfter == 4, "the valid edit was not applied");
    }

    [Fact]
    public async Task A_schedule_that_never_fires_is_rejected_live()
    {
        await File.WriteAllTextAsync(_file, """{"Guard":{"Recovery":{"Enabled":false},"Probe":{"DownAfter":7,"Schedule":"0 0 30 2 *"}}}""");

        var entry = await WaitForEvent(1002);
        Assert.Contains("Guard:Probe:Schedule", entry.Message, StringComparison.Ordinal);
        Assert.Equal("*/30 * * * * *", _live.Current.Probe.Schedule);
        AssertStillGood();
    }

    [Fact]
    public async Task A_live_channel_with_an_unset_variable_is_rejected()
    {
        await File.WriteAllTextAsync(_file, """{"Guard":{"Recovery":{"Enabled":false},"Probe":{"DownAfter":7},"Alerts":{"Channels":[{"Name":"hook","Type":"Webhook","UrlEnv":"LIVE_T_UNSET_URL"}]}}}""");

        var entry = await WaitForEvent(1002);
        Assert.Contains("Guard:Alerts:Channels:0:UrlEnv", entry.Message, StringComparison.Ordinal);
        Assert.Empty(_live.Current.Alerts.Channels);
    }

    private void AssertStillGood()
    {
        Assert.False(_live.Current.Recovery.Enabled, "fell back to the built-in default Recovery:Enabled=true");
        Assert.Equal(7, _live.Current.Probe.DownAfter);
        Assert.DoesNotContain(Entries(), e => e.Id.Id == 1001);
    }

    private List<(Microsoft.Extensions.Logging.LogLevel Level, Microsoft.Extensions.Logging.EventId Id, string Message, Exception? Exception)> Entries()
    {
        lock (_logger.Entries)
        {
            return [.. _logger.Entries];
        }
    }

    private async Task<(Microsoft.Extensions.Logging.LogLevel Level, Microsoft.Extensions.Logging.EventId Id, string Message, Exception? Exception)> WaitForEvent(params int[] ids)
    {
        await WaitFor(() => Entries().Any(e => ids.Contains(e.Id.Id)), $"no event {string.Join('/', ids)}; got: {string.Join(" | ", Entries().Select(e => e.Message))}");
        return Entries().First(e => ids.Contains(e.Id.Id));
    }

    private static async Task WaitFor(Func<bool> condition, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), because);
            await Task.Delay(50);
        }
    }
}
