using System.Diagnostics;
using Guard.Chain;
using Guard.Cli;
using Guard.Configuration;
using Guard.State;
using Guard.Tests.State;

namespace Guard.Tests.Configuration;

/// <summary>A refused live edit reaches <c>guard status</c> (issue 14: "says so in the log and in guard status").</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KeptConfigurationNoticeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("guard-kept-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Config(int downAfter) =>
        "{\"Guard\":{\"DataDirectory\":\"" + _root + "\",\"Recovery\":{\"Enabled\":false},\"Probe\":{\"DownAfter\":" + downAfter
        + "},\"OpenClaw\":{\"Discover\":false}}}";

    [Fact]
    public async Task A_refused_edit_is_shown_by_status_until_an_edit_is_accepted()
    {
        var file = Path.Combine(_root, "guard.json");
        await File.WriteAllTextAsync(file, Config(7));
        var files = new ConfigFileStatus();
        var (configuration, problems) = GuardConfigurationBuilder.Build(file, reloadOnChange: true, baseDirectory: _root, files: files);
        Assert.Empty(problems);
        using var disposeConfiguration = configuration as IDisposable;
        var loaded = GuardOptionsLoader.Load(configuration!);
        Assert.True(loaded.IsValid, string.Join(" | ", loaded.Problems));
        using var live = new LiveOptions(loaded.Options!, configuration!, new RecordingLogger<LiveOptions>(), files, _ => null);
        StateFile.Save(StateFile.PathIn(_root), new GuardState { LastCheck = DateTimeOffset.UtcNow });

        await File.WriteAllTextAsync(file, "{\"Guard\":{\n\"Probe\":{\"DownAfter\": three}}}");
        await WaitFor(() => KeptConfigurationNotice.TryRead(_root) is { Problem: var p } && p.Contains("line 2", StringComparison.Ordinal), "no notice for the invalid edit");

        var output = new StringWriter();
        Assert.Equal(0, StatusCommand.Run(output, new StringWriter(), live.Current, new ModelChain(), json: false, DateTimeOffset.UtcNow));
        Assert.Contains("Config     the running service refused a configuration edit at ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(file, output.ToString(), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeptConfigurationNotice.PathIn(_root)));

        await File.WriteAllTextAsync(file, Config(4));
        await WaitFor(() => live.Current.Probe.DownAfter == 4 && KeptConfigurationNotice.TryRead(_root) is null, "the accepted edit did not clear the notice");
        output = new StringWriter();
        StatusCommand.Run(output, new StringWriter(), live.Current, new ModelChain(), json: false, DateTimeOffset.UtcNow);
        Assert.DoesNotContain("Config     ", output.ToString(), StringComparison.Ordinal);
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
