using Guard.Chain;
using System.Text;
using Guard.Configuration;
using Guard.OpenClaw.Cli;
using Guard.OpenClaw.Discovery;
using Guard.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.OpenClaw.Heartbeat;

/// <summary>
/// Opt-in (<c>Guard:OpenClaw:HeartbeatFeed</c>): after every state change, keeps Guard's section in line with
/// <see cref="HeartbeatSummary"/>, only when it changes. Where OpenClaw keeps its state database (2026.9.x, which no longer
/// reads HEARTBEAT.md) the section lives in the heartbeat job's monitor scratch (<see cref="HeartbeatScratch"/>); on older
/// releases in <c>&lt;workspace&gt;/HEARTBEAT.md</c>, written atomically.
/// </summary>
public sealed class HeartbeatFeed(LiveOptions options, IModelChain modelChain, StateStore store, ILogger<HeartbeatFeed> logger,
    TimeProvider? time = null) : BackgroundService
{
    public const string FileName = "HEARTBEAT.md";

    private string? _jobId;
    private string? _lastScratchBody;

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
                await UpdateAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>True when OpenClaw's state database exists: the release reads heartbeat instructions from the scratch only.</summary>
    public static bool UsesMonitorScratch(OpenClawPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return File.Exists(Path.Combine(paths.StateDirectory, "state", "openclaw.sqlite"));
    }

    /// <summary>The monitor scratch on releases that have one, else HEARTBEAT.md; returns what it did.</summary>
    public async Task<string> UpdateAsync(CancellationToken cancellationToken)
    {
        var current = options.Current;
        var paths = OpenClawPaths.Resolve(current.OpenClaw, Environment.GetEnvironmentVariable);
        if (!current.OpenClaw.HeartbeatFeed || !UsesMonitorScratch(paths))
        {
            return Update();
        }

        var body = HeartbeatSummary.Build(modelChain.Resolve(current).Select(m => m.Id).ToList(), store.Snapshot());
        if (_jobId is not null && string.Equals(body, _lastScratchBody, StringComparison.Ordinal))
        {
            return "unchanged"; // every state save wakes the feed; the CLI (seconds per call) runs only when the section changes
        }

        var cli = new OpenClawCli(current.OpenClaw, time ?? TimeProvider.System);
        if (!cli.Available)
        {
            logger.ScratchFailed("the openclaw CLI is not available (Guard:OpenClaw:Cli); OpenClaw 2026.9.x reads heartbeat text only from the monitor scratch");
            return "failed";
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OPENCLAW_CONFIG_PATH"] = paths.ConfigPath,
            ["OPENCLAW_STATE_DIR"] = paths.StateDirectory,
        };
        var scratch = new HeartbeatScratch(cli, environment, Path.GetTempPath());
        if (_jobId is null)
        {
            var (jobId, problem) = await scratch.FindJobAsync("main", cancellationToken).ConfigureAwait(false);
            if (jobId is null)
            {
                logger.ScratchFailed(problem ?? "no heartbeat job");
                return "failed";
            }

            _jobId = jobId;
        }

        string done;
        try
        {
            done = await scratch.UpdateAsync(_jobId, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            done = $"failed: {ex.Message}"; // the temp file for --file could not be written
        }

        if (done.StartsWith("failed", StringComparison.Ordinal))
        {
            logger.ScratchFailed(done);
            _jobId = null; // the job may have been recreated: look it up again next time
            return "failed";
        }

        _lastScratchBody = body;
        if (done != "unchanged")
        {
            logger.ScratchWritten(done, _jobId);
        }

        return done;
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
