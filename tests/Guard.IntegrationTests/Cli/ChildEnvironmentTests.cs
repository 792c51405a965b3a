using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.Cli;

/// <summary>
/// A real Command channel that dumps its environment, run by the real guard (<c>guard test-alert</c>): it sees the
/// allow-listed variables and the alert payload, never a model key, another channel's secret or anything else Guard has.
/// </summary>
public sealed class ChildEnvironmentTests : IDisposable
{
    private const string ModelKey = "sk-child-env-model-key-99887766";
    private const string ChannelSecret = "child-env-feishu-secret-55443322";
    private const string Unrelated = "child-env-unrelated-value-11223344";
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_command_channel_gets_only_the_allow_list_and_the_alert_payload()
    {
        var dump = _root.Combine("env.dump");
        var config = _root.WriteFile("guard.json", $$"""
            {
              "Guard": {
                "DataDirectory": "{{_root.Combine("data")}}",
                "Models": [ { "Id": "openai/gpt-4o-mini", "BaseUrl": "http://127.0.0.1:9/v1", "ApiKeyEnv": "CHILD_ENV_OPENAI_KEY" } ],
                "Alerts": { "Channels": [
                  { "Name": "dump", "Type": "Command", "Command": "/bin/sh", "Arguments": [ "-c", "env > '{{dump}}'" ] },
                  { "Name": "owner", "Type": "Feishu", "Url": "http://127.0.0.1:9/open-apis/bot/v2/hook/x", "SecretEnv": "CHILD_ENV_FEISHU_SECRET" }
                ] }
              }
            }
            """);
        var options = new GuardProcessOptions { Timeout = TimeSpan.FromSeconds(60) };
        options.Environment["HOME"] = _root.Combine("home");
        options.Environment["XDG_CONFIG_HOME"] = _root.Combine("xdg");
        options.Environment["LANG"] = "C.UTF-8";
        options.Environment["LC_TIME"] = "C";
        options.Environment["TZ"] = "UTC";
        options.Environment["CHILD_ENV_OPENAI_KEY"] = ModelKey;
        options.Environment["CHILD_ENV_FEISHU_SECRET"] = ChannelSecret;
        options.Environment["CHILD_ENV_UNRELATED"] = Unrelated;
        options.Environment["OPENCLAW_STATE_DIR"] = _root.Combine("openclaw");

        var result = await GuardProcess.RunAsync(["test-alert", "--config", config, "--channel", "dump"], options);

        Assert.True(result.ExitCode == 0, result.ToString());
        var variables = File.ReadAllLines(dump)
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)])
            .ToHashSet(StringComparer.Ordinal);
        var text = File.ReadAllText(dump);
        foreach (var allowed in new[] { "PATH", "HOME", "LANG", "LC_TIME", "TZ", "GUARD_ALERT_ID", "GUARD_ALERT_KIND" })
        {
            Assert.True(variables.Contains(allowed), $"{allowed} missing from the child's environment:\n{text}");
        }

        foreach (var secret in new[] { ModelKey, ChannelSecret, Unrelated, _root.Combine("openclaw") })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(variables, v => v.StartsWith("Guard__", StringComparison.Ordinal) || v.StartsWith("CHILD_ENV_", StringComparison.Ordinal)
            || v.StartsWith("OPENCLAW_", StringComparison.Ordinal) || v.StartsWith("DOTNET_", StringComparison.Ordinal));
    }
}
