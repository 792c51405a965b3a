using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.Cli;

/// <summary>A data directory Guard cannot create: one line naming the key and exit 73, never a stack trace.</summary>
public sealed class DataDirectoryUnavailableTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("run")]
    [InlineData("probe")]
    public async Task A_data_directory_below_a_regular_file_exits_73_naming_the_key(string command)
    {
        // Root may write anywhere, so "not a directory" is what makes creation fail here.
        var blocker = _root.Combine("not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file where Guard wants a directory");
        var options = new GuardProcessOptions { Timeout = TimeSpan.FromSeconds(60) };
        options.Environment["HOME"] = _root.Combine("home");
        options.Environment["XDG_CONFIG_HOME"] = _root.Combine("xdg");
        options.Environment["Guard__DataDirectory"] = Path.Combine(blocker, "data");

        var result = await GuardProcess.RunAsync([command], options);

        Assert.True(result.ExitCode == 73, result.ToString());
        Assert.Contains("(Guard:DataDirectory)", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(blocker, "data"), result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("a file where Guard wants a directory", await File.ReadAllTextAsync(blocker));
    }
}
