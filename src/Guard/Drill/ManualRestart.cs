using Guard.Configuration;
using Guard.Recovery;
using Guard.State;
using Microsoft.Extensions.Logging;

namespace Guard.Drill;

/// <summary>
/// One budgeted restart on request (<c>guard drill restart --yes</c>): refused when the budget or the manual-intervention
/// flag says no, recorded in the state file before the call like the recovery actor does, outcome recorded after.
/// </summary>
public static class ManualRestart
{
    public const string Trigger = "Drill";

    public static async Task<RestartAttempt?> RunAsync(
        GatewayRestarter restarter, GuardOptions options, TimeProvider time, TextWriter output, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(restarter);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(logger);
        var path = StateFile.PathIn(options.DataDirectory);
        var read = StateFile.TryRead(path);
        if (read.Status is StateReadStatus.Corrupt or StateReadStatus.NewerSchema)
        {
            await output.WriteLineAsync($"FAIL  not restarting: state file {path} unreadable ({read.Status})").ConfigureAwait(false);
            return null;
        }

        var state = read.State ?? new GuardState();
        var now = time.GetUtcNow();
        var budget = RestartBudget.Check(state.Restarts, now, options.Recovery);
        if (state.Recovery.ManualInterventionNeeded || !budget.Allowed)
        {
            await output.WriteLineAsync("FAIL  not restarting: the restart budget or the manual-intervention flag forbids it (see above)").ConfigureAwait(false);
            return null;
        }

        var record = new RestartRecord { At = now, Reason = "guard drill restart --yes", Outcome = RestartBudget.AttemptedOutcome, Trigger = Trigger };
        state.Restarts.Add(record);
        Save(path, state);
        var unit = options.OpenClaw.Unit;
        DrillLog.RestartRequested(logger, unit);
        await output.WriteLineAsync($"INFO  restarting {unit} (counts against the budget)…").ConfigureAwait(false);
        var attempt = await restarter.RestartAsync(unit, options.Recovery, options.OpenClaw.HealthUrl, cancellationToken).ConfigureAwait(false);
        record.JobResult = attempt.JobResult;
        record.Verified = attempt.Succeeded ? null : false;
        if (!attempt.Succeeded)
        {
            record.Outcome = RestartBudget.FailedOutcome;
            record.Reason += "; " + attempt.Detail;
        }

        Save(path, state);
        DrillLog.RestartFinished(logger, unit, record.Outcome, attempt.Detail);
        await output.WriteLineAsync((attempt.Succeeded ? "PASS  " : "FAIL  ") + $"restart of {unit}: {attempt.Detail}").ConfigureAwait(false);
        return attempt;
    }

    private static void Save(string path, GuardState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        StateFile.Save(path, state);
    }
}
