using Guard.Chain;
using Guard.Configuration;
using Guard.OpenClaw.Heartbeat;
using Guard.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.Tests.OpenClaw;

public sealed class HeartbeatFeedTests : IDisposable
{
    private readonly string _workspace = Path.Combine(Path.GetTempPath(), "guard-ws-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_workspace, recursive: true);

    [Fact]
    public void Writes_while_degraded_and_restores_the_owners_file_when_healthy()
    {
        Directory.CreateDirectory(_workspace);
        var path = Path.Combine(_workspace, HeartbeatFeed.FileName);
        var original = "# HEARTBEAT\n\n- 每次心跳时读取 `.api_health_alert.json`\n"u8.ToArray();
        File.WriteAllBytes(path, original);
        var options = new GuardOptions { Models = [new ModelOptions { Id = "google/a" }, new ModelOptions { Id = "zhipu/b" }] };
        options.OpenClaw.Discover = false;
        options.OpenClaw.HeartbeatFeed = true;
        options.OpenClaw.WorkspaceDirectory = _workspace;
        using var live = new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        var store = new StateStore(new GuardState(), Path.Combine(_workspace, "state.json"));
        var feed = new HeartbeatFeed(live, new ModelChain(), store, NullLogger<HeartbeatFeed>.Instance);

        store.Update(s =>
        {
            s.Models["google/a"] = new ModelState { Health = ModelHealth.Down };
            s.Models["zhipu/b"] = new ModelState { Health = ModelHealth.Healthy };
        });
        Assert.Equal("written", feed.Update());
        Assert.Contains("running on fallback zhipu/b", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal("unchanged", feed.Update());

        store.Update(s => s.Models["google/a"].Health = ModelHealth.Healthy);
        Assert.Equal("removed", feed.Update());
        Assert.Equal(original, File.ReadAllBytes(path));
    }
}
