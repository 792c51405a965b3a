using System.CommandLine;
using System.Text.Json;
using Guard.Configuration;
using Guard.Quota;
using Guard.Quota.Transcripts;
using Guard.State;

namespace Guard.Cli;

/// <summary>
/// <c>guard quota [--json]</c>: per model used, limit, %, window reset, forecast and source, by the same code the quota
/// check alerts with. From the state file (read-only) while <c>guard run</c> keeps it current; otherwise computed on the
/// spot from OpenClaw's transcripts (and the provider readings the state holds), and it says which.
/// </summary>
public static class QuotaCommand
{
    public static Command Create(GlobalCliOptions global) => Create(global, TimeProvider.System);

    public static Command Create(GlobalCliOptions global, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(time);
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON" };
        var command = new Command("quota", "Show each model's usage, limits, window reset and exhaustion forecast") { json };
        command.SetAction(parse =>
        {
            var loaded = ConfigGate.TryLoad(parse, global, parse.InvocationConfiguration.Error);
            if (loaded is null)
            {
                return ExitCodes.Config;
            }

            using (loaded.Configuration as IDisposable)
            {
                return Run(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, loaded.Options, parse.GetValue(json), time.GetUtcNow());
            }
        });
        return command;
    }

    public static int Run(TextWriter output, TextWriter error, GuardOptions options, bool json, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(options);
        var path = StateFile.PathIn(options.DataDirectory);
        var result = StateFile.TryRead(path);
        QuotaState quota;
        string? why;
        switch (result.Status)
        {
            case StateReadStatus.Ok:
                quota = (result.State!.Quota ?? new QuotaState()).Normalized();
                why = quota.LastCheck is not { } last ? "no quota check of `guard run` in the state yet"
                    : now - last > StaleAfter(options) ? $"the state's last quota check was at {last:u}: `guard run` is not keeping it current"
                    : null;
                break;
            case StateReadStatus.Missing:
                quota = new QuotaState();
                why = $"no state at {path}: `guard run` has not run here";
                break;
            default:
                error.WriteLine($"guard: cannot read the state file {path}: {result.Problem}");
                return StatusCommand.Unreadable;
        }

        // Standalone: usage summed over OpenClaw's own stores now; provider readings already in the state (headers, balances) still count.
        var computed = why is null ? QuotaComputed.FromState : QuotaComputed.FromSources;
        if (why is not null)
        {
            quota = StandaloneQuota(quota, options, now);
        }

        var quotas = QuotaEvaluator.Evaluate(options.Quota, quota, now);
        var note = computed == QuotaComputed.FromState
            ? $"usage from the state written by `guard run` (last quota check {quota.LastCheck:u})"
            : $"usage computed now from OpenClaw's transcripts under {options.OpenClaw.AgentsDirectory} ({why})";
        if (json)
        {
            var report = new QuotaJsonReport(now, quota.LastCheck, quota.MalformedLines, quotas.SelectMany(q => q.Meters).Select(m => QuotaJsonRow.From(m, now)).ToList())
            {
                Computed = computed == QuotaComputed.FromState ? "state" : "sources",
                ComputedNote = note,
            };
            output.WriteLine(JsonSerializer.Serialize(report, QuotaJsonContext.Default.QuotaJsonReport));
        }
        else
        {
            QuotaPrinter.Print(output, quotas, quota, now);
            output.WriteLine($"Source: {note}.");
        }

        return ExitCodes.Ok;
    }

    /// <summary>A state whose quota check is this old is not kept current by a running service.</summary>
    public static TimeSpan StaleAfter(GuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var every = options.Quota.CheckEvery * 3;
        return every > TimeSpan.FromMinutes(10) ? every : TimeSpan.FromMinutes(10);
    }

    /// <summary>The state's provider readings with usage read from every transcript source, from the start, as the quota check would have it.</summary>
    private static QuotaState StandaloneQuota(QuotaState stored, GuardOptions options, DateTimeOffset now)
    {
        var quota = new QuotaState { Reported = stored.Reported, LastCheck = stored.LastCheck };
        if (options.Quota.ReadTranscripts)
        {
            var scan = OpenClawTranscripts.ReadAll(options.OpenClaw.AgentsDirectory, now);
            TranscriptUsage.Apply(quota, scan, now, QuotaCheck.Retention(options.Quota));
        }

        return quota;
    }

    private enum QuotaComputed
    {
        FromState,
        FromSources,
    }
}
