using Guard.Chain;
using System.Text;
using Guard.Configuration;
using Guard.OpenClaw.Discovery;
using Guard.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.OpenClaw.Heartbeat;

/// <summary>
/// Opt-in (<c>Guard:OpenClaw:HeartbeatFeed</c>): after every state change, keeps Guard's section of
/// <c>&lt;workspace&gt;/HEARTBEAT.md</c> in line with <see cref="HeartbeatSummary"/>, written atomically and only when it changes.
/// </summary>
public sealed class HeartbeatFeed(LiveOptions options, IModelChain modelChain, StateStore store, ILogger<HeartbeatFeed> logger) : BackgroundService
{
    public const string FileName = "HEARTBEAT.md";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var version = -1L;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (version >= 0)
                {
                    await store.WaitForChangeAsync(version, stoppingToken).ConfigureAwait(false);
                }

                version = store.Version;
                Update();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>Brings the file in line with the current state; returns what it did (tests call it directly).</summary>
    public string Update()
    {
        var current = options.Current;
        if (!current.OpenClaw.HeartbeatFeed)
        {
            return "off";
        }

        var workspace = (string.IsNullOrWhiteSpace(current.OpenClaw.WorkspaceDirectory) ? null : PathExpander.Expand(current.OpenClaw.WorkspaceDirectory))
            ?? modelChain.Discovery(current.OpenClaw)?.Workspace
            ?? OpenClawPaths.Resolve(current.OpenClaw, Environment.GetEnvironmentVariable).DefaultWorkspace(Environment.GetEnvironmentVariable);
        var path = Path.Combine(workspace, FileName);
        try
        {
            var chain = modelChain.Resolve(current).Select(m => m.Id).ToList();
            var body = HeartbeatSummary.Build(chain, store.Snapshot());
            var existing = File.Exists(path) ? File.ReadAllText(path) : null;
            var updated = HeartbeatSection.Apply(existing, body);
            if (string.Equals(updated, existing, StringComparison.Ordinal))
            {
                return "unchanged";
            }

            if (updated is null)
            {
                File.Delete(path);
                logger.HeartbeatWritten("removed with the file Guard created", path);
                return "deleted";
            }

            if (existing is null && !Directory.Exists(workspace))
            {
                return "no workspace";
            }

            AtomicFile.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(updated));
            logger.HeartbeatWritten(body is null ? "removed" : "updated", path);
            return body is null ? "removed" : "written";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.HeartbeatFailed(path, ex);
            return "failed";
        }
    }
}
