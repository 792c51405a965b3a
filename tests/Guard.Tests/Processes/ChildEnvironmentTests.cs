using System.Diagnostics;
using Guard.Processes;

namespace Guard.Tests.Processes;

public sealed class ChildEnvironmentTests
{
    [Theory]
    [InlineData("PATH", false, true)]
    [InlineData("HOME", false, true)]
    [InlineData("LC_ALL", false, true)]
    [InlineData("TZ", false, true)]
    [InlineData("XDG_RUNTIME_DIR", false, true)]
    [InlineData("OPENCLAW_STATE_DIR", false, false)]
    [InlineData("OPENCLAW_STATE_DIR", true, true)]
    [InlineData("OPENAI_API_KEY", true, false)]
    [InlineData("Guard__Models__0__ApiKeyEnv", false, false)]
    [InlineData("FEISHU_SECRET", false, false)]
    [InlineData("LD_PRELOAD", true, false)]
    public void Only_allow_listed_names_are_inherited(string name, bool openClaw, bool allowed) =>
        Assert.Equal(allowed, ChildEnvironment.IsAllowed(name, openClaw));

    [Fact]
    public void Apply_drops_everything_else_and_adds_the_payload()
    {
        var start = new ProcessStartInfo("/bin/true");
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/bin";
        start.Environment["OPENAI_API_KEY"] = "sk-secret";
        start.Environment["OPENCLAW_CONFIG_PATH"] = "/x";

        ChildEnvironment.Apply(start, [new("GUARD_ALERT_ID", "a1")]);

        Assert.Equal(
            new Dictionary<string, string?> { ["PATH"] = "/usr/bin", ["GUARD_ALERT_ID"] = "a1" },
            start.Environment.ToDictionary(p => p.Key, p => p.Value));
    }
}
