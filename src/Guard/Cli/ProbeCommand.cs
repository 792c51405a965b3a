using Guard.Chain;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Guard.Configuration;
using Guard.OpenClaw.Discovery;
using Guard.Probing;
using Guard.Probing.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace Guard.Cli;

/// <summary><c>guard probe [--json] [--model ID] [--deep]</c>: one round now; exit 0 all healthy, 1 some down, 2 all down.</summary>
public static class ProbeCommand
{
    public static Command Create(GlobalCliOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print an array of results as JSON" };
        var modelOption = new Option<string?>("--model") { Description = "Probe only this model id", HelpName = "ID" };
        var deep = new Option<bool>("--deep") { Description = "Also run the 1-token tier for every model (costs at most 1 output token each)" };
        var command = new Command("probe", "Probe every model in the chain once and say why each one fails") { json, modelOption, deep };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var loaded = ConfigGate.TryLoad(parse, global, error);
            if (loaded is null)
            {
                return ExitCodes.Config;
            }

            using var configuration = loaded.Configuration as IDisposable;
            var modelChain = new ModelChain();
            await OpenClawBootstrap.DiscoverAsync(loaded.Options, modelChain, cancellationToken).ConfigureAwait(false);
            var chain = modelChain.Resolve(loaded.Options);
            var only = parse.GetValue(modelOption);
            if (only is not null)
            {
                chain = chain.Where(m => string.Equals(m.Id, only, StringComparison.OrdinalIgnoreCase)).ToList();
                if (chain.Count == 0)
                {
                    await error.WriteLineAsync($"guard: no model '{only}' in the chain (see 'guard check-config')").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
            }

            await using var services = ProbeServices.Build(loaded.Options, modelChain);
            var runner = services.GetRequiredService<ProbeRoundRunner>();
            var forceDeep = parse.GetValue(deep);
            var plans = chain.Select(m => PlanForCommand(m, forceDeep)).ToList();
            var outcomes = await runner.RunAsync(plans, loaded.Options.Probe, cancellationToken).ConfigureAwait(false);
            var rows = ToRows(chain, outcomes);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(rows, CliJsonContext.Default.ListProbeJsonRow)).ConfigureAwait(false);
            }
            else
            {
                PrintTable(output, chain, outcomes, rows);
            }

            var usable = outcomes.Count(o => o.Ok);
            return usable == outcomes.Count ? ExitCodes.Ok : usable == 0 ? ExitCodes.AllFailed : ExitCodes.SomeFailed;
        });
        return command;
    }

    /// <summary>Reach by default (free); the 1-token tier when asked, when the model has only that tier, or to explain a reach failure.</summary>
    internal static ProbePlan PlanForCommand(ModelDefinition model, bool forceDeep)
    {
        var hasReach = model.Tiers.Contains(ProbeTier.Reach);
        var hasDeep = model.Tiers.Contains(ProbeTier.Deep);

        // --deep never reaches a coding plan's API (its tiers are reach only).
        forceDeep &= CodingPlans.Of(model) == CodingPlan.None;
        List<ProbeTier> tiers = forceDeep
            ? hasReach ? [ProbeTier.Reach, ProbeTier.Deep] : [ProbeTier.Deep]
            : hasReach ? [ProbeTier.Reach] : [ProbeTier.Deep];
        return new ProbePlan(model, tiers, DeepIfReachFails: !forceDeep && hasDeep && hasReach);
    }

    internal static List<ProbeJsonRow> ToRows(IReadOnlyList<ModelDefinition> chain, IReadOnlyList<ModelProbeOutcome> outcomes)
    {
        var rows = new List<ProbeJsonRow>();
        for (var i = 0; i < chain.Count; i++)
        {
            foreach (var r in outcomes[i].Results)
            {
                rows.Add(new ProbeJsonRow(
                    r.ModelId, r.Provider, r.Api, r.Tier.ToString().ToLowerInvariant(), r.Ok,
                    r.Ok ? null : (r.Kind ?? FailureKind.Unknown).ToString(), r.HttpStatus,
                    (long)Math.Round(r.Latency.TotalMilliseconds), r.RetryAfter?.TotalSeconds, r.Message, r.Ok ? null : r.Rule));
            }
        }

        return rows;
    }

    private static void PrintTable(TextWriter output, IReadOnlyList<ModelDefinition> chain, IReadOnlyList<ModelProbeOutcome> outcomes, List<ProbeJsonRow> rows)
    {
        var header = new[] { "MODEL", "TIER", "OUTCOME", "KIND", "HTTP", "LATENCY", "RETRY-AFTER", "MESSAGE" };
        var cells = rows.Select(r => new[]
        {
            r.Model, r.Tier, r.Ok ? "ok" : "FAILED", r.Kind ?? "-", r.Status?.ToString(CultureInfo.InvariantCulture) ?? "-",
            $"{r.LatencyMs} ms", r.RetryAfterSeconds is { } s ? $"{s:0.#} s" : "-", Shorten(r.Message ?? "", 90),
        }).ToList();
        var widths = Enumerable.Range(0, header.Length - 1)
            .Select(c => cells.Select(row => row[c].Length).Append(header[c].Length).Max()).ToArray();
        output.WriteLine(Line(header, widths));
        foreach (var row in cells)
        {
            output.WriteLine(Line(row, widths));
        }

        var usable = outcomes.Count(o => o.Ok);
        output.WriteLine();
        output.WriteLine($"{usable} of {chain.Count} models usable.");
        var missingKeys = outcomes.Select(o => o.Failure).Where(f => f?.Kind == FailureKind.NoApiKey).Select(f => f!.ModelId).ToList();
        if (missingKeys.Count > 0)
        {
            var vars = chain.Where(m => missingKeys.Contains(m.Id)).Select(m => "$" + m.ApiKeyEnv).Distinct();
            output.WriteLine($"No API key for {missingKeys.Count} model(s): set {string.Join(", ", vars)} (for the service: in ~/.config/guard/env).");
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i < widths.Length ? c.PadRight(widths[i]) : c)).TrimEnd();

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
