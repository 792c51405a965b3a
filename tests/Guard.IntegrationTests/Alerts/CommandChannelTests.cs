using System.Text.Json;
using Guard.Alerts;
using Guard.Configuration;
using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.Alerts;

/// <summary>A real program (/bin/sh) on the real clock: these tests cost about a second in all.</summary>
public sealed class CommandChannelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Program_gets_the_alert_as_JSON_on_stdin_and_as_environment_variables()
    {
        using var harness = new ChannelHarness(TimeProvider.System);
        var stdin = _dir.Combine("stdin.json");
        var env = _dir.Combine("env.txt");
        var options = Options("/bin/sh", "-c", "cat > \"$1\" && env | grep '^GUARD_ALERT_' | sort > \"$2\"", "sh", stdin, env);

        var result = await harness.Create(options).SendAsync(ChannelHarness.Message(DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.True(result.Ok, result.Detail);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(stdin));
        var root = json.RootElement;
        Assert.Equal("a1b2c3d4e5f6", root.GetProperty("id").GetString());
        Assert.Equal("ChainDark", root.GetProperty("kind").GetString());
        Assert.Equal("critical", root.GetProperty("severity").GetString());
        Assert.Equal("firing", root.GetProperty("status").GetString());
        Assert.Equal("zhipu/glm-4.7", root.GetProperty("labels").GetProperty("model").GetString());
        Assert.Equal("pager", root.GetProperty("channel").GetString());
        var variables = await File.ReadAllLinesAsync(env);
        Assert.Contains("GUARD_ALERT_ID=a1b2c3d4e5f6", variables);
        Assert.Contains("GUARD_ALERT_KIND=ChainDark", variables);
        Assert.Contains("GUARD_ALERT_SEVERITY=critical", variables);
        Assert.Contains("GUARD_ALERT_STATUS=firing", variables);
        Assert.Contains("GUARD_ALERT_TITLE=🚨 模型链全部不可用 ChainDark", variables);
        Assert.Contains("GUARD_ALERT_MODEL=zhipu/glm-4.7", variables);
        Assert.Contains("GUARD_ALERT_FINGERPRINT=ChainDark|openclaw-gateway.service", variables);
        Assert.Contains("GUARD_ALERT_TEXT=zhipu/glm-4.7: QuotaExhausted (HTTP 429), resets 08:00 UTC", variables);
    }

    [Fact]
    public async Task Arguments_are_passed_without_a_shell()
    {
        using var harness = new ChannelHarness(TimeProvider.System);
        var output = _dir.Combine("args.txt");
        var options = Options("/bin/sh", "-c", "printf '%s\\n' \"$@\" > \"$0\"", output, "a b", "$HOME", "; rm -rf /");

        var result = await harness.Create(options).SendAsync(ChannelHarness.Message(DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.True(result.Ok, result.Detail);
        Assert.Equal(["a b", "$HOME", "; rm -rf /"], await File.ReadAllLinesAsync(output));
    }

    [Fact]
    public async Task Non_zero_exit_is_transient_with_the_redacted_stderr_tail()
    {
        using var harness = new ChannelHarness(TimeProvider.System);
        var options = Options("/bin/sh", "-c", "cat > /dev/null; echo 'openclaw: gateway refused, token=abcdef123456secret' >&2; exit 3");

        var result = await harness.Create(options).SendAsync(ChannelHarness.Message(DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Transient, result.Outcome);
        Assert.Equal("3", result.ChannelCode);
        Assert.StartsWith("'sh' exited with code 3: openclaw: gateway refused", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef123456secret", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef123456secret", harness.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_program_is_permanent()
    {
        using var harness = new ChannelHarness(TimeProvider.System);

        var result = await harness.Create(Options("/nonexistent/openclaw-notify")).SendAsync(ChannelHarness.Message(DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.Contains("program not found", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_running_past_the_timeout_is_killed_with_its_children()
    {
        using var harness = new ChannelHarness(TimeProvider.System);
        var pidFile = _dir.Combine("child.pid");
        var options = Options("/bin/sh", "-c", "sleep 60 & echo $! > \"$0\"; wait", pidFile);
        options.Timeout = TimeSpan.FromSeconds(1);

        var result = await harness.Create(options).SendAsync(ChannelHarness.Message(DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Transient, result.Outcome);
        Assert.Contains("did not finish within 1 s (killed)", result.Detail, StringComparison.Ordinal);
        var child = int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        await WaitUntilGoneAsync(child);
    }

    private static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 100 && Directory.Exists($"/proc/{pid}") && !IsZombie(pid); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(!Directory.Exists($"/proc/{pid}") || IsZombie(pid), $"child {pid} still running");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static AlertChannelOptions Options(string command, params string[] arguments) => new()
    {
        Name = "pager",
        Type = AlertChannelType.Command,
        Command = command,
        Arguments = [.. arguments],
    };
}
