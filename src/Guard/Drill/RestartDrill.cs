using System.Globalization;
using Guard.Configuration;
using Guard.Recovery;
using Guard.State;
using Guard.Systemd;

namespace Guard.Drill;

/// <summary>
/// <c>guard drill restart</c>: everything a gateway restart needs — bus, unit, state, budget, permission — checked
/// without restarting. Each line is PASS, FAIL or INFO; <see cref="Ready"/> is false when any line failed.
/// </summary>
public sealed class RestartDrill(ISystemdManager systemd, TimeProvider time, TextWriter output)
{
    public bool Ready { get; private set; } = true;

    public async Task RunAsync(GuardOptions options, string? busAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var unit = options.OpenClaw.Unit;
        var address = busAddress ?? "(no address)";
        var bus = options.Recovery.Bus.ToString().ToLowerInvariant();
        var status = await systemd.GetUnitStateAsync(unit, cancellationToken).ConfigureAwait(false);
        if (!status.IsSuccess)
        {
            var error = status.Error!;
            if (error.Kind is SystemdErrorKind.NoBus or SystemdErrorKind.Timeout)
            {
                Fail($"{bus} bus not reachable at {error.BusAddress ?? address}: {error.Message}");
            }
            else
            {
                Pass($"{bus} bus reachable at {error.BusAddress ?? address}");
                Fail(error.Kind == SystemdErrorKind.NoSuchUnit
                    ? $"unit {unit} not found (LoadState=not-found): set Guard:OpenClaw:Unit or install the gateway's unit"
                    : $"unit {unit}: {error}");
            }
        }
        else
        {
            Pass($"{bus} bus reachable at {address}");
            var s = status.Value!;
            Pass($"unit {unit} exists (LoadState={s.LoadState})");
            var line = string.Create(CultureInfo.InvariantCulture,
                $"state: ActiveState={s.ActiveState} SubState={s.SubState} Result={s.Result ?? "-"} last exit status={s.ExecMainStatus?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
            if (s.ExecMainStatus == 78)
            {
                Fail(line + " (78: the gateway rejected its configuration; a restart would fail again)");
            }
            else
            {
                Info(line + (s.IsStartLimitHit ? " (start limit hit: Guard resets it before restarting)" : ""));
            }
        }

        CheckBudget(options);
        Info(options.Recovery.Bus == BusKind.User
            ? "permission: not checked: the user manager accepts restart jobs from its own user; there is no no-op call that proves it"
            : "permission: not checked: on the system bus polkit decides per call; only a real restart (--yes) proves it");
        if (!options.Recovery.Enabled)
        {
            Info("automatic restarts are off (Guard:Recovery:Enabled=false); manual restarts still work");
        }
    }

    private void CheckBudget(GuardOptions options)
    {
        var path = StateFile.PathIn(options.DataDirectory);
        var read = StateFile.TryRead(path);
        if (read.Status is StateReadStatus.Corrupt or StateReadStatus.NewerSchema)
        {
            Fail($"state file {path} unreadable ({read.Status}: {read.Problem}); Guard quarantines it at start");
            return;
        }

        var state = read.State ?? new GuardState();
        var now = time.GetUtcNow();
        var budget = RestartBudget.Check(state.Restarts, now, options.Recovery);
        var window = options.Recovery.RestartWindow;
        var used = string.Create(CultureInfo.InvariantCulture,
            $"restart budget: {budget.UsedInWindow}/{options.Recovery.MaxRestarts} used in the last {window.TotalMinutes:0} min");
        if (state.Recovery.ManualInterventionNeeded)
        {
            Fail($"{used}; manual intervention flagged since {state.Recovery.ManualInterventionSince?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? "?"}: " +
                 "Guard will not restart until it is cleared");
        }
        else if (budget.Exhausted || !budget.Allowed)
        {
            Fail($"{used}; next restart allowed at {budget.NextAllowedAt?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? "-"}");
        }
        else
        {
            Pass($"{used}; a restart is allowed now" + (read.Status == StateReadStatus.Missing ? " (no state file yet)" : ""));
        }
    }

    private void Pass(string text) => output.WriteLine("PASS  " + text);

    private void Info(string text) => output.WriteLine("INFO  " + text);

    private void Fail(string text)
    {
        Ready = false;
        output.WriteLine("FAIL  " + text);
    }
}
