using System.CommandLine;
using Guard.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Guard.Cli;

/// <summary>Builds the command tree and maps parse errors to exit 64.</summary>
public static class GuardCommandLine
{
    /// <param name="global">The options every command shares.</param>
    /// <param name="serviceOverrides">
    /// Registrations that replace the service's own in <c>guard run</c> (<see cref="CompositionRequest.Overrides"/>):
    /// how a process-level test substitutes a part, e.g. a prober it can freeze, without a hook in the product.
    /// </param>
    public static RootCommand Create(GlobalCliOptions global, IReadOnlyList<ServiceDescriptor>? serviceOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(global);
        var root = new RootCommand(
            "Guard keeps an OpenClaw gateway's model chain alive: probes every model, tells why each fails, " +
            "alerts the owner and restarts the gateway when the whole chain stays dark.");
        root.Options.Add(global.Config);
        root.Subcommands.Add(RunCommand.Create(global, serviceOverrides ?? []));
        root.Subcommands.Add(ProbeCommand.Create(global));
        root.Subcommands.Add(CheckConfigCommand.Create(global));
        root.Subcommands.Add(StatusCommand.Create(global));
        root.Subcommands.Add(RestartGatewayCommand.Create(global));
        root.Subcommands.Add(TestAlertCommand.Create(global));
        root.Subcommands.Add(QuotaCommand.Create(global));
        root.Subcommands.Add(DrillCommand.Create(global));
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null,
        IReadOnlyList<ServiceDescriptor>? serviceOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        var global = new GlobalCliOptions();
        var root = Create(global, serviceOverrides);
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (args.Length == 0)
        {
            await root.Parse("--help").InvokeAsync(invocation).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"guard: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'guard --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(invocation).ConfigureAwait(false);
        }
        catch (DataDirectoryUnavailableException e)
        {
            // An environment problem, not a bug: one line naming the key instead of a stack trace.
            await error.WriteLineAsync($"guard: {e.Message.TrimEnd('.')}. Set Guard:DataDirectory to a writable directory (under systemd also ReadWritePaths=). Exit 73.").ConfigureAwait(false);
            return ExitCodes.CannotCreate;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What System.CommandLine's default handler did: the whole exception on stderr, exit 1.
            await error.WriteLineAsync($"Unhandled exception: {e}").ConfigureAwait(false);
            return ExitCodes.SomeFailed;
        }
    }

    public static string Version => GuardVersion.Current;
}
