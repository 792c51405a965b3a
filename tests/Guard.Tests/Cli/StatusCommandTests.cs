using System.Text.Json;
using Guard.Cli;
using Guard.Probing;
using Guard.State;
using Guard.Tests.State;

namespace Guard.Tests.Cli;

public sealed class StatusCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _config;

    public StatusCommandTests()
    {
        _config = _dir.File("guard.json");
        File.WriteAllText(_config, JsonSerializer.Serialize(new
        {
            Guard = new
            {
                DataDirectory = _dir.Path,
                Models = new[] { new { Id = "zhipu/glm-4.7" }, new { Id = "moonshot/kimi-k2.5" } },
            },
        }));
    }

    private string StatePath => _dir.File(StateFile.FileName);

    public void Dispose() => _dir.Dispose();

    private async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await GuardCommandLine.InvokeAsync(["status", "--config", _config, .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Status_NoStateFile_FriendlyLineExit0()
    {
        var (exit, output, _) = await Run();

        Assert.Equal(0, exit);
        Assert.Contains($"no state yet at {StatePath}: the service has not run here", output, StringComparison.Ordinal);
        Assert.False(File.Exists(StatePath));
    }

    [Fact]
    public async Task Status_says_the_service_is_not_running_when_the_state_is_rounds_old()
    {
        var last = DateTimeOffset.UtcNow - TimeSpan.FromHours(2);
        StateFile.Save(StatePath, new GuardState { LastCheck = last });

        var (exit, output, _) = await Run();

        Assert.Equal(0, exit);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("Service    NOT RUNNING?", StringComparison.Ordinal));
        Assert.Contains($"no probe round since {last.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (2h", line, StringComparison.Ordinal);
        Assert.Contains("expected every 30 s", line, StringComparison.Ordinal);

        var (_, _, jsonError) = await Run("--json");
        Assert.Contains("guard: NOT RUNNING?", jsonError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fresh_state_is_not_stale()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Null(StateFreshness.Describe(new GuardState { LastCheck = now - TimeSpan.FromSeconds(50) }, "*/30 * * * * *", now));
        Assert.NotNull(StateFreshness.Describe(new GuardState { LastCheck = now - TimeSpan.FromMinutes(3) }, "*/30 * * * * *", now));
        Assert.Null(StateFreshness.Describe(new GuardState { LastCheck = now - TimeSpan.FromMinutes(20) }, "*/10 * * * *", now));
    }

    [Fact]
    public async Task Status_PrintsChainLineAndOneRowPerModel()
    {
        var now = DateTimeOffset.UtcNow;
        StateFile.Save(StatePath, new GuardState
        {
            LastCheck = now,
            Models =
            {
                ["zhipu/glm-4.7"] = new ModelState
                {
                    Health = ModelHealth.Down,
                    ConsecutiveFailures = 4,
                    LastAvailable = now - TimeSpan.FromMinutes(5.5),
                    LastFailureKind = FailureKind.RateLimited,
                    LastStatus = 429,
                    LastError = "rate limit\nreached " + new string('x', 200),
                },
                ["old/model"] = new ModelState { Health = ModelHealth.Healthy },
            },
            Chain = new ChainState { ConsecutiveDarkRounds = 2, IsDark = true, DarkSince = now - TimeSpan.FromMinutes(1.5), Rounds = 9 },
        });

        var (exit, output, error) = await Run();

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("DARK: no usable model for 2 consecutive rounds", output, StringComparison.Ordinal);
        var lines = output.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("MODEL", StringComparison.Ordinal));
        Assert.True(header > 0);
        var glm = lines[header + 1];
        Assert.StartsWith("zhipu/glm-4.7", glm, StringComparison.Ordinal);
        Assert.Contains("Down", glm, StringComparison.Ordinal);
        Assert.Contains("  4  ", glm, StringComparison.Ordinal);
        Assert.Contains("(5m ago)", glm, StringComparison.Ordinal);
        Assert.Contains("RateLimited", glm, StringComparison.Ordinal);
        Assert.Contains("429", glm, StringComparison.Ordinal);
        Assert.Contains("rate limit reached xxx", glm, StringComparison.Ordinal);
        Assert.EndsWith("…", glm.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 100), glm, StringComparison.Ordinal);
        Assert.StartsWith("moonshot/kimi-k2.5", lines[header + 2], StringComparison.Ordinal);
        Assert.Contains("Unknown", lines[header + 2], StringComparison.Ordinal);
        Assert.StartsWith("old/model (not configured)", lines[header + 3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusJson_PrintsTheStateSchema()
    {
        StateFile.Save(StatePath, SampleState.Full());

        var (exit, output, _) = await Run("--json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(3, doc.RootElement.GetProperty("models").GetProperty("google/gemini-3-flash-preview").GetProperty("consecutive_failures").GetInt32());
        Assert.Equal("QuotaExhausted", doc.RootElement.GetProperty("models").GetProperty("google/gemini-3-flash-preview").GetProperty("last_failure_kind").GetString());
    }

    [Fact]
    public async Task Status_CorruptFile_NamesItExit1AndLeavesItAlone()
    {
        File.WriteAllText(StatePath, "{torn");

        var (exit, _, error) = await Run();

        Assert.Equal(StatusCommand.Unreadable, exit);
        Assert.Contains(StatePath, error, StringComparison.Ordinal);
        Assert.Equal("{torn", File.ReadAllText(StatePath));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.corrupt-*"));
    }

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(42, "42s ago")]
    [InlineData(5 * 60 + 59, "5m ago")]
    [InlineData(3 * 3600, "3h ago")]
    [InlineData(2 * 3600 + 3 * 60, "2h 3m ago")]
    [InlineData(3 * 86400 + 4 * 3600, "3d 4h ago")]
    [InlineData(-300, "in 5m")]
    public void Relative_FormatsSpans(int secondsAgo, string expected)
    {
        var now = SampleState.T0;
        Assert.Equal(expected, StatusPrinter.Relative(now.AddSeconds(-secondsAgo), now));
    }
}
