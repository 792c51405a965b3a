using System.CommandLine;
using System.Globalization;
using Guard.Chain;
using Guard.Configuration;
using Guard.Events;
using Guard.OpenClaw.Discovery;
using Guard.Recovery;
using Guard.State;
using Guard.Systemd;
using Microsoft.Extensions.DependencyInjection;

namespace Guard.Cli;

/// <summary>
/// <c>guard restart-gateway [--dry-run]</c>: the gateway unit's state and what the restart budget allows; without
/// <c>--dry-run</c> one restart through the service's own budgeted path (<see cref="RecoveryActor.RestartDetailedAsync"/>),
/// skipping only the failure-kind gate. Exit 0 when the restart happened (or, dry, would be allowed), 1 otherwise.
/// </summary>
public static class RestartGatewayCommand
{
    public const string Reason = "manual restart (guard restart-gateway)";

    public static Command Create(GlobalCliOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show the unit's state and what the restart budget allows" };
        var command = new Command("restart-gateway", "Restart the OpenClaw gateway once, within Guard's restart budget") { dryRun };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var loaded = ConfigGate.TryLoad(parse, global, error);
            if (loaded is null)
            {
                return ExitCodes.Config;
            }

            using (loaded.Configuration as IDisposable)
            {
                var chain = new ModelChain();
                await OpenClawBootstrap.DiscoverAsync(loaded.Options, chain, cancellationToken).ConfigureAwait(false);
                await using var services = RestartGatewayServices.Build(loaded.Options, loaded.Configuration, chain);
                return parse.GetValue(dryRun)
                    ? await DryRunAsync(output, services, loaded.Options, cancellationToken).ConfigureAwait(false)
                    : await RestartAsync(output, services, loaded.Options, cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> DryRunAsync(TextWriter output, IServiceProvider services, GuardOptions options, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var unit = options.OpenClaw.Unit;

        // Read-only: an unreadable state file is reported by `guard status`, not moved aside here.
        var state = StateFile.TryRead(StateFile.PathIn(options.DataDirectory)).State ?? new GuardState();
        ManualRestartLog.MergeInto(state, ManualRestartLog.Read(ManualRestartLog.PathIn(options.DataDirectory)));
        var read = await services.GetRequiredService<ISystemdManager>().GetUnitStateAsync(unit, cancellationToken).ConfigureAwait(false);
        PrintUnit(output, unit, read);
        var now = time.GetUtcNow();
        var budget = RestartBudget.Check(state.Restarts, now, options.Recovery);
        PrintBudget(output, budget, options.Recovery, state.Recovery, now);

        string? refusal = !read.IsSuccess ? $"cannot restart {unit}: {read.Error!.Message}"
            : RecoveryActor.IsConfigRejected(read.Value!) ? $"{unit} last exited with status 78 (OpenClaw rejected its configuration): fix openclaw.json first"
            : budget.Exhausted ? $"the restart budget is used up until {Format(budget.NextAllowedAt, now)}"
            : !budget.Allowed ? $"restart spacing: next restart allowed {Format(budget.NextAllowedAt, now)}"
            : null;
        output.WriteLine(refusal is null ? "Dry run    a restart is allowed now" : $"Dry run    a restart would be refused: {refusal}");
        return refusal is null ? ExitCodes.Ok : ExitCodes.SomeFailed;
    }

    /// <summary>One manual restart through the service's budgeted path (also used by <c>guard drill restart --yes</c>).</summary>
    internal static async Task<int> RestartAsync(TextWriter output, IServiceProvider services, GuardOptions options, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var store = services.GetRequiredService<StateStore>();
        var actor = services.GetRequiredService<RecoveryActor>();
        var logPath = ManualRestartLog.PathIn(options.DataDirectory);

        // The attempt and its outcome are written ahead by ManualRestartJournal. Refusals are mirrored here: a running
        // service rewrites the state file from memory, but it merges this log before every budget check (ManualRestartLog).
        using var recorded = services.GetRequiredService<IEventSubscriber>().Subscribe<RestartRecorded>(nameof(RestartGatewayCommand));
        var state = store.Snapshot();
        var kinds = state.Models.Values
            .Where(m => m.ConsecutiveFailures > 0 && m.LastFailureKind is not null)
            .Select(m => m.LastFailureKind!.Value)
            .Distinct()
            .ToList();
        var outcome = await actor.RestartDetailedAsync(RestartTriggers.Manual, Reason, kinds, state.Chain.DarkSince ?? time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
        MirrorRefusals(recorded, logPath); // the state file is saved just below
        StateFile.Save(store.FilePath, store.Snapshot());

        var unit = options.OpenClaw.Unit;
        var now = time.GetUtcNow();
        if (outcome.UnitBefore is { } before)
        {
            PrintUnit(output, unit, SystemdResult<UnitStatus>.Success(before));
        }

        if (outcome.Budget is { } budget)
        {
            PrintBudget(output, budget, options.Recovery, state.Recovery, now);
        }

        if (outcome.Attempt is not { } attempt)
        {
            output.WriteLine($"Refused    {outcome.Reason}");
            return ExitCodes.SomeFailed;
        }

        var after = attempt.UnitAfter is { } u ? $"{u.ActiveState}/{u.SubState}" : "unknown";
        var healthUrl = string.IsNullOrEmpty(options.OpenClaw.HealthUrl) ? "not configured"
            : attempt.Succeeded ? "answers" : "see detail";
        output.WriteLine($"Restart    job {attempt.JobResult ?? "-"}, unit {after}, health URL {healthUrl}{(attempt.ResetFailedFirst ? " (start limit reset first)" : "")}: {attempt.Detail}");
        if (outcome.Verification is { } round)
        {
            var usable = round.Models.Where(v => v.Ok).Select(v => v.ModelId).ToList();
            output.WriteLine(usable.Count > 0
                ? $"Verify     {usable.Count}/{round.Models.Count} models answer: {string.Join(", ", usable)}"
                : $"Verify     no model answers yet ({round.Models.Count} probed): the restart did not bring the chain back");
        }

        var record = outcome.Record!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Result     {record.Outcome}, verified {(record.Verified == true ? "yes" : "no")}{(record.DowntimeSeconds is { } d ? $", downtime {d:0} s" : "")}"));
        return outcome.Decision == RecoveryDecision.Restarted ? ExitCodes.Ok : ExitCodes.SomeFailed;
    }

    private static void PrintUnit(TextWriter output, string unit, SystemdResult<UnitStatus> read)
    {
        if (!read.IsSuccess)
        {
            output.WriteLine($"Unit       {unit}: {read.Error!.Message}");
            return;
        }

        var s = read.Value!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Unit       {unit}: load {s.LoadState}, {s.ActiveState}/{s.SubState}, result {s.Result ?? "-"}, last exit status {(s.ExecMainStatus is { } code ? code.ToString(CultureInfo.InvariantCulture) : "-")}, restarts by systemd {(s.NRestarts is { } n ? n.ToString(CultureInfo.InvariantCulture) : "-")}"));
    }

    private static void PrintBudget(TextWriter output, BudgetDecision budget, RecoveryOptions options, RecoveryState recovery, DateTimeOffset now)
    {
        var next = budget.Allowed ? "now" : Format(budget.NextAllowedAt, now);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Budget     {budget.UsedInWindow}/{options.MaxRestarts} restarts used in the last {options.RestartWindow}; next allowed {next}; manual intervention {(recovery.ManualInterventionNeeded ? "NEEDED" : "no")}"));
    }

    private static string Format(DateTimeOffset? at, DateTimeOffset now) => at is null ? "never (MaxRestarts is 0)" : StatusPrinter.When(at, now);

    /// <summary>The refusals the restart recorded, copied where a running service will merge them (<see cref="ManualRestartLog"/>).</summary>
    private static void MirrorRefusals(EventSubscription<RestartRecorded> recorded, string logPath)
    {
        while (recorded.Reader.TryRead(out var message))
        {
            var record = message.Record;
            if (RestartBudget.Counts(record))
            {
                continue;
            }

            if (record.Trigger == RestartTriggers.Manual)
            {
                ManualRestartLog.Upsert(logPath, record);
            }
        }
    }
}
