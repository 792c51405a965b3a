using Guard.IntegrationTests.Alerts.Emulators;
using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.Drill;

/// <summary><c>guard drill alert</c> takes the test-alert path: same message, same lines, same exit codes.</summary>
public sealed class DrillAlertTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new();
    private WebhookReceiver _hooks = null!;

    public async Task InitializeAsync() => _hooks = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _hooks.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task DrillAlert_WebhookChannel_DeliversTheMarkedTestMessageAndExit0()
    {
        var config = _home.WriteFile("drill.json", $$"""
            { "Guard": { "DataDirectory": "{{_home.Combine("data")}}", "OpenClaw": { "Discover": false },
                         "Alerts": { "Channels": [ { "Name": "hooks", "Type": "Webhook", "Url": "{{_hooks.Url}}" } ] } } }
            """);

        var result = await GuardProcess.RunAsync(["drill", "alert", "--config", config], Options());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^hooks \(Webhook\): delivered in \d+ ms", result.StandardOutput);
        Assert.Contains("[TEST]", Assert.Single(_hooks.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrillAlert_NoChannels_ExplainsAndExit1()
    {
        var config = _home.WriteFile("none.json", $$"""{ "Guard": { "DataDirectory": "{{_home.Combine("data")}}", "OpenClaw": { "Discover": false } } }""");

        var result = await GuardProcess.RunAsync(["drill", "alert", "--config", config], Options());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no alert channels configured", result.StandardOutput, StringComparison.Ordinal);
    }

    private GuardProcessOptions Options()
    {
        var options = new GuardProcessOptions();
        options.Environment["HOME"] = _home.Path;
        options.Environment["XDG_CONFIG_HOME"] = _home.Combine("xdg");
        return options;
    }
}
