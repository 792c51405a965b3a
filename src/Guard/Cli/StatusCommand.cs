using Guard.Chain;
using System.CommandLine;
using System.Text;
using Guard.Configuration;
using Guard.OpenClaw.Discovery;
using Guard.State;

namespace Guard.Cli;

/// <summary>
/// <c>guard status [--json]</c>: the persisted state as a table. Read-only: a broken file is reported,
/// never moved or rewritten (that is the service's job, so the evidence stays where it was).
/// </summary>
public static class StatusCommand
{
    /// <summary>Exit code when the state file exists but cannot be read or understood.</summary>
    public const int Unreadable = 1;

    public static Command Create(GlobalCliOptions global) => Create(global, TimeProvider.System);

    public static Command Create(GlobalCliOptions global, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(time);
        var json = new Option<bool>("--json") { Description = "Print the state file's JSON (same schema)" };
        var command = new Command("status", "Show each model's health from the state file") { json };
        command.SetAction(parse =>
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
                OpenClawBootstrap.DiscoverAsync(loaded.Options, chain, CancellationToken.None).GetAwaiter().GetResult();
                return Run(output, error, loaded.Options, chain, parse.GetValue(json), time.GetUtcNow());
            }
        });
        return command;
    }

    public static int Run(TextWriter output, TextWriter error, GuardOptions options, IModelChain modelChain, bool json, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(modelChain);
        var path = StateFile.PathIn(options.DataDirectory);
        var result = StateFile.TryRead(path);
        switch (result.Status)
        {
            case StateReadStatus.Missing:
                // JSON readers still get a document in the state schema; humans get the hint on stderr.
                if (json)
                {
                    output.WriteLine(Encoding.UTF8.GetString(StateFile.Serialize(new GuardState())));
                }

                (json ? error : output).WriteLine($"guard: no state yet at {path}: the service has not run here; start it (systemctl --user start guard) or run `guard probe`");
                return ExitCodes.Ok;
            case StateReadStatus.Ok:
                foreach (var repair in result.Repairs)
                {
                    error.WriteLine($"guard: state file {path}: {repair} (shown as defaults; guard run writes them back)");
                }

                if (json)
                {
                    output.WriteLine(Encoding.UTF8.GetString(StateFile.Serialize(result.State!)));
                    if (StateFreshness.Describe(result.State!, options.Probe.Schedule, now) is { } staleJson)
                    {
                        error.WriteLine($"guard: {staleJson}");
                    }
                }
                else
                {
                    var chain = modelChain.Resolve(options).Select(m => m.Id).ToList();
                    try
                    {
                        if (StateFreshness.Describe(result.State!, options.Probe.Schedule, now) is { } stale)
                        {
                            output.WriteLine($"Service    {stale}");
                        }

                        if (KeptConfigurationNotice.TryRead(options.DataDirectory) is { } kept)
                        {
                            output.WriteLine($"Config     the running service refused a configuration edit at {kept.Since.UtcDateTime:yyyy-MM-dd HH:mm} UTC and keeps its last good configuration: {kept.Problem}");
                        }

                        StatusPrinter.Print(output, result.State!, chain, path, now);
                        OpenClawStatusPrinter.Print(output, options, modelChain, result.State!, now);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // Whatever a hand-edited file holds, the owner gets one line, never a stack trace.
                        error.WriteLine($"guard: cannot show the state file {path}: {e.GetType().Name}: {e.Message}");
                        return Unreadable;
                    }
                }

                return ExitCodes.Ok;
            default:
                error.WriteLine($"guard: cannot read the state file {path}: {result.Problem}");
                error.WriteLine("guard run moves an unreadable file aside (.corrupt-<time>) and starts fresh; nothing was changed.");
                return Unreadable;
        }
    }
}
