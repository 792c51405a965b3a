using System.Runtime.Versioning;
using Guard.OpenClaw.Cli;
using Guard.Tests.TestSupport;

namespace Guard.Tests.OpenClaw;

/// <summary>A fake <c>openclaw</c> executable on a private PATH: answers, fails, or hangs.</summary>
[SupportedOSPlatform("linux")]
public sealed class OpenClawCliTests : IDisposable
{
    private readonly OpenClawHome _home = new();

    public void Dispose() => _home.Dispose();

    private string FakeCli(string body)
    {
        var bin = Path.Combine(_home.Home, "bin");
        var path = _home.WriteExecutable("bin/openclaw", "#!/bin/sh\n" + body + "\n");
        _home.Env["PATH"] = bin + ":/usr/bin:/bin";
        return path;
    }

    [Fact]
    public async Task Config_get_skips_notice_lines_and_passes_the_environment()
    {
        var log = Path.Combine(_home.Home, "calls.log");
        FakeCli($$$$"""
            echo "$* cfg=$OPENCLAW_CONFIG_PATH" >> {{{{log}}}}
            echo '[plugins] feishu loaded'; echo '{"defaults":{"model":{"primary":"openai/gpt-5","fallbacks":["deepseek/deepseek-chat"]}}}'
            """);
        var options = _home.Options(o => o.Cli = "openclaw");
        var cli = new OpenClawCli(options, TimeProvider.System, _home.GetEnv);
        var env = new Dictionary<string, string> { ["OPENCLAW_CONFIG_PATH"] = "/x/openclaw.json" };

        var (value, result) = await cli.GetConfigAsync("agents", env, CancellationToken.None);

        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal("openai/gpt-5", (string?)value!["defaults"]!["model"]!["primary"]);
        Assert.Equal("config get agents --json cfg=/x/openclaw.json", (await File.ReadAllLinesAsync(log))[0]);
    }

    [Fact]
    public async Task A_failing_cli_says_how_it_failed()
    {
        FakeCli("echo 'gateway token missing' >&2; exit 3");
        var options = _home.Options(o => o.Cli = "openclaw");

        var (value, result) = await new OpenClawCli(options, TimeProvider.System, _home.GetEnv).GetConfigAsync("agents", null, CancellationToken.None);

        Assert.Null(value);
        Assert.False(result.Succeeded);
        Assert.Contains("exited with 3: gateway token missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hanging_cli_is_stopped_at_the_timeout_with_its_children()
    {
        var marker = Path.Combine(_home.Home, "child.pid");
        FakeCli($"sleep 300 & echo $! > {marker}; wait");
        var options = _home.Options(o =>
        {
            o.Cli = "openclaw";
            o.CliTimeout = TimeSpan.FromSeconds(10);
        });
        var time = new SignallingTimeProvider(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
        var call = new OpenClawCli(options, time, _home.GetEnv).GetConfigAsync("agents", null, CancellationToken.None);

        await time.WaitForTimerAsync();
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        var (_, result) = await call.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains("did not finish within 10 s", result.Problem, StringComparison.Ordinal);
        var child = int.Parse(await File.ReadAllTextAsync(marker), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists($"/proc/{child}") && !File.ReadAllText($"/proc/{child}/stat").Contains(" Z ", StringComparison.Ordinal),
            "the CLI's child process must be killed with it");
    }

    [Fact]
    public void Not_on_path_means_unavailable()
    {
        var cli = new OpenClawCli(_home.Options(o => o.Cli = "openclaw"), TimeProvider.System, _home.GetEnv);
        Assert.False(cli.Available);
        Assert.False(new OpenClawCli(_home.Options(o => o.Cli = ""), TimeProvider.System, _home.GetEnv).Available);
    }

    [Theory]
    [InlineData("[plugins] x\n{\"a\":1}\n", true)]
    [InlineData("\"text\"\n", true)]
    [InlineData("no json here\n", false)]
    public void Parses_json_after_notices(string output, bool ok) => Assert.Equal(ok, OpenClawCli.ParseJson(output).Ok);
}
