using Guard.Chain;
using System.CommandLine;
using Guard.Configuration;
using Guard.OpenClaw.Discovery;

namespace Guard.Cli;

/// <summary><c>guard check-config</c>: the effective configuration, secrets masked, with each model's key source.</summary>
public static class CheckConfigCommand
{
    public static Command Create(GlobalCliOptions global)
    {
        var command = new Command("check-config", "Validate the configuration and show the effective values (secrets masked)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var loaded = ConfigGate.TryLoad(parse, global, parse.InvocationConfiguration.Error, requireChannelSecrets: true);
            if (loaded is null)
            {
                return ExitCodes.Config;
            }

            using (loaded.Configuration as IDisposable)
            {
                var chain = new ModelChain();
                await OpenClawBootstrap.DiscoverAsync(loaded.Options, chain, cancellationToken).ConfigureAwait(false);
                Print(output, loaded.Options, chain, OpenClawBootstrap.KeyLookup(chain));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static void Print(TextWriter output, GuardOptions options, IModelChain chain, Func<string, string?> getEnv)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(getEnv);
        var discovery = chain.Discovery(options.OpenClaw);
        output.WriteLine("Configuration is valid.");
        output.WriteLine($"DataDirectory   {options.DataDirectory}");
        var p = options.Probe;
        output.WriteLine($"Probe           schedule '{p.Schedule}', timeout {p.Timeout}, deep every {p.DeepEvery}, fallback delay {p.FallbackDelay}, down after {p.DownAfter}, concurrency {p.MaxConcurrency} ({p.MaxConcurrencyPerProvider} per provider)");
        var r = options.Recovery;
        output.WriteLine($"Recovery        {(r.Enabled ? "enabled" : "disabled")}: restart {options.OpenClaw.Unit} on the {r.Bus.ToString().ToLowerInvariant()} bus after {r.AllFailedRounds} dark rounds, at most {r.MaxRestarts} per {r.RestartWindow}, verify within {r.VerifyTimeout}");
        var q = options.Quota;
        output.WriteLine($"Quota           warn {q.WarnPercent}%, critical {q.CriticalPercent}%, forecast lead {q.LeadTime}, {q.Budgets.Count} budget(s)");
        output.WriteLine($"OpenClaw        config {options.OpenClaw.ConfigPath} (discover: {options.OpenClaw.Discover}), health {NullText(UrlCredentials.Strip(GatewayHealthUrl.For(options.OpenClaw, chain)))}, logs {options.OpenClaw.LogDirectory}, agents {options.OpenClaw.AgentsDirectory}");
        output.WriteLine($"Logging         level {options.Logging.MinimumLevel}, console {options.Logging.ConsoleFormat}, file {(options.Logging.FileEnabled ? $"on, keep {options.Logging.RetainedFileCount} days" : "off")}");
        output.WriteLine($"Metrics         {(options.Metrics.Enabled ? $"http://127.0.0.1:{options.Metrics.Port}/metrics" : "off")}");

        if (discovery is not null)
        {
            OpenClawDiscoveryPrinter.Print(output, discovery);
        }

        var models = chain.Resolve(options);
        output.WriteLine();
        output.WriteLine($"Models ({models.Count}, chain order):");
        for (var i = 0; i < models.Count; i++)
        {
            var m = models[i];
            var keySet = !string.IsNullOrEmpty(getEnv(m.ApiKeyEnv));
            output.WriteLine($"  {i + 1}. {m.Id}  [{DescribeSource(m.Source)}{(m.Origin is null ? "" : ": " + m.Origin)}]");
            output.WriteLine($"       api {m.Api}, base {NullText(UrlCredentials.Strip(m.BaseUrl))}, model {m.Model}, tiers {string.Join('+', m.Tiers)}, timeout {m.Timeout}");
            var origin = m.KeyOrigin ?? $"${m.ApiKeyEnv}";
            output.WriteLine(keySet
                ? $"       key from {origin}: set"
                : $"       key NOT FOUND: {(origin.StartsWith("not found", StringComparison.Ordinal) ? origin["not found".Length..].TrimStart(' ', '(').TrimEnd(')') : origin)} — the model stays unknown (never counted as failing) until Guard can read its key");
            if (m.NotProbedBecause is { } why)
            {
                output.WriteLine($"       not probed: {why} — unknown to Guard's probes; the gateway's own log still reports it");
            }
        }

        output.WriteLine();
        output.WriteLine($"Alert channels ({options.Alerts.Channels.Count}), repeat every {options.Alerts.RepeatEvery}:");
        foreach (var c in options.Alerts.Channels)
        {
            var url = c.Url is not null ? MaskUrl(c.Url) : c.UrlEnv is not null ? $"from ${c.UrlEnv} ({SetText(getEnv(c.UrlEnv))})" : "-";
            var secret = c.SecretEnv is not null ? $", secret from ${c.SecretEnv} ({SetText(getEnv(c.SecretEnv))})" : "";
            var token = c.TokenEnv is not null ? $", token from ${c.TokenEnv} ({SetText(getEnv(c.TokenEnv))})" : "";
            output.WriteLine($"  - {c.Name} ({c.Type}): url {url}{secret}{token}");
        }
    }

    /// <summary>Webhook URLs carry their token in the path or query: keep scheme and host only.</summary>
    public static string MaskUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/***" : "***";

    private static string DescribeSource(ModelSource source) => source switch
    {
        ModelSource.GuardConfig => "from Guard:Models",
        ModelSource.OpenClaw => "discovered from OpenClaw",
        _ => "built-in example chain: set Guard:Models or point Guard:OpenClaw:ConfigPath at openclaw.json",
    };

    private static string SetText(string? value) => string.IsNullOrEmpty(value) ? "NOT SET" : "set";

    private static string NullText(string? value) => string.IsNullOrEmpty(value) ? "(none)" : value;
}
