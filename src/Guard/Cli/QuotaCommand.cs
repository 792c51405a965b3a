using System.CommandLine;
using System.Text.Json;
using Guard.Configuration;
using Guard.Quota;
using Guard.State;

namespace Guard.Cli;

/// <summary>
/// <c>guard quota [--json]</c>: per model used, limit, %, window reset, forecast and source, computed from the state
/// file (read-only) and the configured budgets by the same code the quota check alerts with.
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
        switch (result.Status)
        {
            case StateReadStatus.Ok:
                quota = (result.State!.Quota ?? new QuotaState()).Normalized();
                break;
            case StateReadStatus.Missing:
                quota = new QuotaState();
                error.WriteLine($"guard: no state yet at {path}: budgets are shown with no usage");
                break;
            default:
                error.WriteLine($"guard: cannot read the state file {path}: {result.Problem}");
                return StatusCommand.Unreadable;
        }

        var quotas = QuotaEvaluator.Evaluate(options.Quota, quota, now);
        if (json)
        {
            var report = new QuotaJsonReport(now, quota.LastCheck, quota.MalformedLines, quotas.SelectMany(q => q.Meters).Select(m => QuotaJsonRow.From(m, now)).ToList());
            output.WriteLine(JsonSerializer.Serialize(report, QuotaJsonContext.Default.QuotaJsonReport));
        }
        else
        {
            QuotaPrinter.Print(output, quotas, quota, now);
        }

        return ExitCodes.Ok;
    }
}
