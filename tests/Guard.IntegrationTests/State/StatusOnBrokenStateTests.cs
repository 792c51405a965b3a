using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.State;

/// <summary>The real <c>guard status</c> on hand-broken state files: a line per repaired section or one error line, never a stack trace.</summary>
public sealed class StatusOnBrokenStateTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("""{"schema_version": 1, "recovery": null}""", 0, "\"recovery\" is null")]
    [InlineData("""{"models": null, "chain": null, "restarts": null, "recovery": null, "gateway": null, "quota": null, "reorder": null}""", 0, "\"chain\" is null")]
    [InlineData("""{"recovery": 5, "chain": [], "models": {"a/b": "x"}, "restarts": ["x"]}""", 0, "\"recovery\" has the wrong shape")]
    [InlineData("""{"models": {"a/b": {"consecutive_failures": """, 1, "cannot read the state file")]
    [InlineData("[1, 2]", 1, "cannot read the state file")]
    public async Task Status_never_prints_a_stack_trace(string content, int exitCode, string expected)
    {
        var data = _root.Combine("data");
        Directory.CreateDirectory(data);
        var statePath = Path.Combine(data, ".api_health_state.json");
        await File.WriteAllTextAsync(statePath, content);
        foreach (var json in new[] { false, true })
        {
            var options = new GuardProcessOptions();
            options.Environment["HOME"] = _root.Combine("home");
            options.Environment["XDG_CONFIG_HOME"] = _root.Combine("xdg");
            options.Environment["Guard__DataDirectory"] = data;

            var result = await GuardProcess.RunAsync(json ? ["status", "--json"] : ["status"], options);

            Assert.True(result.ExitCode == exitCode, result.ToString());
            Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
            Assert.Equal(content, await File.ReadAllTextAsync(statePath)); // status is read-only
        }
    }
}
