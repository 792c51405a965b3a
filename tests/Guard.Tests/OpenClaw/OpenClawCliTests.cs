using System.Runtime.Versioning;
using Guard.OpenClaw.Cli;
using Guard.OpenClaw.Discovery;
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
    public async Task Prefers_the_cli_and_skips_its_notice_lines()
    {
        var log = Path.Combine(_home.Home, "calls.log");
        FakeCli($$$$"""
            echo "$* cfg=$OPENCLAW_CONFIG_PATH" >> {{{{log}}}}
            case "$3" in
              agents) echo '[plugins] feishu loaded'; echo '{"defaults":{"model":{"primary":"openai/gpt-5","fallbacks":["deepseek/deepseek-chat"]}}}' ;;
              models) echo '{"providers":{}}' ;;
              *) echo "Config path not found: $3" >&2; exit 1 ;;
            esac
            """);
        _home.Config("{ agents: { defaults: { model: 'file/only' } } }"); // must not be used
        var options = _home.Options(o => o.Cli = "openclaw");
        var cli = new OpenClawCli(options, TimeProvider.System, _home.GetEnv);

        var result = await new OpenClawDiscoverer(cli, _home.GetEnv).DiscoverAsync(options, CancellationToken.None);

        Assert.StartsWith("openclaw CLI", result.Method, StringComparison.Ordinal);
        Assert.Equal(["openai/gpt-5", "deepseek/deepseek-chat"], result.Models.Select(m => m.Id));
        var calls = await File.ReadAllLinesAsync(log);
        Assert.Equal("config get agents --json cfg=" + Path.Combine(_home.StateDirectory, "openclaw.json"), calls[0]);
        Assert.Empty(result.Problems); // unset env/auth sections are not problems
    }

    [Fact]
    public async Task A_failing_cli_falls_back_to_the_file()
    {
        FakeCli("echo 'gateway token missing' >&2; exit 3");
        _home.Config("{ agents: { defaults: { model: 'openai/gpt-5' } } }");
        var options = _home.Options(o => o.Cli = "openclaw");

        var result = await new OpenClawDiscoverer(new OpenClawCli(options, TimeProvider.System, _home.GetEnv), _home.GetEnv)
            .DiscoverAsync(options, CancellationToken.None);

        Assert.StartsWith("file ", result.Method, StringComparison.Ordinal);
        Assert.Equal("openai/gpt-5", Assert.Single(result.Models).Id);
        Assert.Contains(result.Problems, p => p.Contains("exited with 3: gateway token missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hanging_cli_is_stopped_at_the_timeout_and_the_file_is_read()
    {
        var marker = Path.Combine(_home.Home, "child.pid");
        FakeCli($"sleep 300 & echo $! > {marker}; wait");
        _home.Config("{ agents: { defaults: { model: 'openai/gpt-5' } } }");
        var options = _home.Options(o =>
        {
            o.Cli = "openclaw";
            o.CliTimeout = TimeSpan.FromSeconds(10);
        });
        var time = new SignallingTimeProvider(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
        var discovery = new OpenClawDiscoverer(new OpenClawCli(options, time, _home.GetEnv), _home.GetEnv).DiscoverAsync(options, CancellationToken.None);

        await time.WaitForTimerAsync();
        Assert.False(discovery.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        var result = await discovery.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.StartsWith("file ", result.Method, StringComparison.Ordinal);
        Assert.Contains(result.Problems, p => p.Contains("did not finish within 10 s", StringComparison.Ordinal));
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
