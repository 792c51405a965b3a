using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Guard.OpenClaw.Cli;

namespace Guard.OpenClaw.Heartbeat;

/// <summary>
/// Guard's section in the heartbeat job's <em>monitor scratch</em> (OpenClaw 2026.9.x no longer reads HEARTBEAT.md):
/// <c>openclaw cron list --all --json</c> finds the job whose payload kind is <c>heartbeat</c>, <c>cron scratch &lt;id&gt;
/// --json</c> reads content and revision, the section is spliced in with <see cref="HeartbeatSection"/> (the owner's text
/// byte-identical), and the write passes <c>--expected-revision</c> so an edit made meanwhile (the owner's, or the
/// agent's own <c>heartbeat_respond</c>) is never overwritten: on "changed concurrently" Guard reads again and retries.
/// </summary>
public sealed class HeartbeatScratch(OpenClawCli cli, IReadOnlyDictionary<string, string> environment, string tempDirectory)
{
    public const int MaxAttempts = 3;

    /// <summary>OpenClaw's cap; a section that would push the scratch over it is not written.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The heartbeat job of <paramref name="agentId"/> (or the first heartbeat job), or the problem.</summary>
    public async Task<(string? JobId, string? Problem)> FindJobAsync(string agentId, CancellationToken cancellationToken)
    {
        var run = await cli.RunAsync(["cron", "list", "--all", "--json"], cancellationToken, environment).ConfigureAwait(false);
        if (!run.Succeeded)
        {
            return (null, run.Problem);
        }

        var (ok, json) = OpenClawCli.ParseJson(run.Output);
        var jobs = ok ? (json?["jobs"] as JsonArray)?.OfType<JsonObject>().Where(IsHeartbeat).ToList() ?? [] : [];
        var job = jobs.FirstOrDefault(j => Text(j["agentId"]) == agentId) ?? jobs.FirstOrDefault();
        return job is null ? (null, "no heartbeat job in `openclaw cron list --all`") : (Text(job["id"]), null);
    }

    /// <summary>Brings the scratch in line with <paramref name="body"/> (null removes Guard's section); returns what it did.</summary>
    public async Task<string> UpdateAsync(string jobId, string? body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        string? problem = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var read = await cli.RunAsync(["cron", "scratch", jobId, "--json"], cancellationToken, environment).ConfigureAwait(false);
            var (ok, json) = OpenClawCli.ParseJson(read.Output);
            if (!read.Succeeded || !ok || json is not JsonObject root || root["currentRevision"] is not JsonValue revisionValue
                || !revisionValue.TryGetValue<long>(out var revision))
            {
                return $"failed: {read.Problem ?? "`openclaw cron scratch --json` printed no revision"}";
            }

            var existing = Text(root["scratch"]?["content"]);
            var updated = HeartbeatSection.Apply(existing, body);
            if (string.Equals(updated, existing, StringComparison.Ordinal))
            {
                return "unchanged";
            }

            if (updated is not null && Encoding.UTF8.GetByteCount(updated) > MaxBytes)
            {
                return $"failed: the scratch would exceed OpenClaw's {MaxBytes / 1024} KiB cap";
            }

            var write = await WriteAsync(jobId, updated, revision, cancellationToken).ConfigureAwait(false);
            if (write.Succeeded)
            {
                return body is null ? "removed" : "written";
            }

            problem = FirstMessage(write);
            if (!problem.Contains("changed concurrently", StringComparison.OrdinalIgnoreCase))
            {
                return $"failed: {problem}";
            }
        }

        return $"failed: the scratch kept changing ({problem})";
    }

    private async Task<OpenClawCliResult> WriteAsync(string jobId, string? content, long revision, CancellationToken cancellationToken)
    {
        var expected = revision.ToString(CultureInfo.InvariantCulture);
        if (content is null)
        {
            return await cli.RunAsync(["cron", "scratch", jobId, "--unset", "--expected-revision", expected], cancellationToken, environment).ConfigureAwait(false);
        }

        // Through a file, not --set: argv caps one argument at 128 KiB, the scratch may hold up to 256 KiB.
        var file = Path.Combine(tempDirectory, $"guard-scratch-{Guid.NewGuid():N}.md");
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var stream = new FileStream(file, create))
            {
                await stream.WriteAsync(new UTF8Encoding(false).GetBytes(content), cancellationToken).ConfigureAwait(false);
            }

            return await cli.RunAsync(["cron", "scratch", jobId, "--file", file, "--expected-revision", expected], cancellationToken, environment).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static bool IsHeartbeat(JsonObject job) => Text(job["payload"]?["kind"]) == "heartbeat";

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string FirstMessage(OpenClawCliResult run)
    {
        var (ok, json) = OpenClawCli.ParseJson(run.Output);
        return (ok ? Text(json?["error"]?["message"]) : null) ?? run.Problem ?? "unknown error";
    }
}
