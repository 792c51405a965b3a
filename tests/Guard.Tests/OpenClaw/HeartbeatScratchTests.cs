using Guard.Configuration;
using Guard.OpenClaw.Cli;
using Guard.OpenClaw.Heartbeat;
using Guard.Tests.State;
using Guard.Tests.TestSupport;

namespace Guard.Tests.OpenClaw;

/// <summary>
/// The scratch update against a scripted <c>openclaw cron</c>: the first write loses a compare-and-swap race (the CLI's
/// own "changed concurrently" text), Guard reads again and splices into the owner's newer text instead of overwriting it.
/// </summary>
public sealed class HeartbeatScratchTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_concurrent_edit_is_read_again_and_kept()
    {
        var script = ExecutableScript.Write(_dir.File("openclaw"), $$$"""
            #!/bin/sh
            d='{{{_dir.Path}}}'
            case "$*" in
              "cron list --all --json")
                echo '{"jobs":[{"id":"job-other","agentId":"main","payload":{"kind":"agentTurn"}},{"id":"job-hb","agentId":"main","payload":{"kind":"heartbeat"}}]}' ;;
              "cron scratch job-hb --json")
                if [ -f "$d/raced" ]; then echo '{"scratch":{"content":"owner v2","revision":2},"currentRevision":2}';
                else echo '{"scratch":{"content":"owner v1","revision":1},"currentRevision":1}'; fi ;;
              *"--expected-revision 1")
                touch "$d/raced"; echo '{"ok":false,"error":{"type":"cli_error","message":"cron scratch changed concurrently (current revision 2)"}}'; exit 1 ;;
              *"--expected-revision 2")
                cat "$5" > "$d/written"; echo '{"ok":true}' ;;
              *) echo "unexpected: $*" >&2; exit 2 ;;
            esac
            """);
        var cli = new OpenClawCli(new OpenClawOptions { Cli = script, ConfigPath = _dir.File("openclaw.json") }, TimeProvider.System);
        var scratch = new HeartbeatScratch(cli, new Dictionary<string, string>(), _dir.Path);

        var (job, problem) = await scratch.FindJobAsync("main", CancellationToken.None);
        Assert.True(job == "job-hb", problem);
        Assert.Equal("written", await scratch.UpdateAsync(job, "chain dark", CancellationToken.None));

        var written = File.ReadAllText(_dir.File("written"));
        Assert.StartsWith("owner v2\n<!-- guard-status:begin", written, StringComparison.Ordinal);
        Assert.Contains("chain dark", written, StringComparison.Ordinal);
        Assert.Equal("owner v2", HeartbeatSection.Apply(written, null));
        Assert.Empty(Directory.GetFiles(_dir.Path, "guard-scratch-*"));
    }

    public void Dispose() => _dir.Dispose();
}
