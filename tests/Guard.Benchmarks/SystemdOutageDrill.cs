using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Guard.IntegrationTests.Systemd;
using Guard.Tests.OpenClaw;

namespace Guard.Benchmarks;

/// <summary>
/// Figure 1 for real: the real <c>guard run</c> with DEFAULT settings (30 s schedule, DownAfter 3, AllFailedRounds 3,
/// FallbackDelay 5 s) against a private systemd user manager, a fake gateway unit, loopback providers and a webhook
/// receiver. The providers fail from the fault until the gateway unit has been restarted. Two faults, each on a fresh
/// Guard: a silent one (only probes can see it) and one the gateway reports in its log ("All models failed").
/// Times are on the harness's clock from the fault: state file says dark (detect), the receiver got ChainDark (alert),
/// the unit started again (restart), state records a verified restart and a usable chain (recover).
/// </summary>
internal static class SystemdOutageDrill
{
    private const string KeyEnv = "DRILL_PROVIDER_KEY";

    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync(string[] args)
    {
        var guard = FootprintBenchmark.Option(args, "--guard") ?? new[]
        {
            Path.Combine(FootprintBenchmark.RepoRoot(), "src/Guard/bin/Release/net10.0/linux-x64/publish/guard"),
            Path.Combine(FootprintBenchmark.RepoRoot(), "src/Guard/bin/Release/net10.0/guard"),
        }.FirstOrDefault(File.Exists);
        var why = SystemdAvailability.ManagerSkipReason ?? (guard is null ? "no guard binary: build or publish src/Guard first" : null);
        if (why is not null)
        {
            return
            [
                new("Outage drill, real systemd + guard run, silent fault: detect / alert / recover", "≤ 90 s / — / ≤ 120 s", "not measured", why),
                new("Outage drill, gateway logs \"All models failed\": detect / alert / recover", "≤ 5 s / — / —", "not measured", why),
            ];
        }

        var manager = new PrivateUserManager();
        await manager.StartAsync();
        try
        {
            if (args.Contains("--reported-only"))
            {
                var only = await RunFaultAsync(manager, guard!, gatewayReports: true);
                return [new("gateway-reported fault only: detect / alert / recover", "≤ 5 s", only.Figures, only.Notes)];
            }

            var silent = await RunFaultAsync(manager, guard!, gatewayReports: false);
            var reported = await RunFaultAsync(manager, guard!, gatewayReports: true);
            return
            [
                new("Outage drill, real systemd user manager + `guard run`, silent fault: detect / → webhook / recover", "≤ 90 s / — / ≤ 120 s",
                    silent.Figures, $"defaults; fault 10 s after a healthy round; restart job seen at {silent.Seconds(silent.Restart)}; {silent.Notes}"),
                new("Outage drill, same, the gateway logs \"All models failed\" at the fault: detect / → webhook / recover", "≤ 5 s / — / —",
                    reported.Figures, $"log line appended to today's gateway log; restart at {reported.Seconds(reported.Restart)}; {reported.Notes}"),
            ];
        }
        finally
        {
            await manager.StopAsync();
        }
    }

    private sealed record Timing(DateTimeOffset Onset, DateTimeOffset? Detect, DateTimeOffset? Alert, DateTimeOffset? Restart, DateTimeOffset? Recover, string Notes)
    {
        public string Seconds(DateTimeOffset? at) =>
            at is null ? "never" : (at.Value - Onset).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";

        public string Figures => $"{Seconds(Detect)} / {Seconds(Alert)} / {Seconds(Recover)}";
    }

    private static async Task<Timing> RunFaultAsync(PrivateUserManager manager, string guard, bool gatewayReports)
    {
        var unit = gatewayReports ? "drill-gateway-reported.service" : "drill-gateway-silent.service";
        manager.WriteFakeGateway(unit);
        await manager.DaemonReloadAsync();
        await manager.StartUnitAsync(unit);
        await using var server = await DrillServer.StartAsync();
        var startsAtFault = int.MaxValue;
        var broken = false;
        server.Broken = () => broken && manager.CountStarts(unit) <= startsAtFault; // a restart of the gateway mends it

        var home = Directory.CreateTempSubdirectory("guard-drill-");
        var data = Path.Combine(home.FullName, "data");
        var logs = Path.Combine(home.FullName, "openclaw-logs");
        Directory.CreateDirectory(logs);
        var gatewayLog = Path.Combine(logs, $"openclaw-{DateTime.Now:yyyy-MM-dd}.log");
        await File.WriteAllTextAsync(gatewayLog, "");
        var config = Path.Combine(home.FullName, "guard.json");
        // Nothing about timing is set: Probe and Recovery are Guard's defaults.
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Guard = new
            {
                DataDirectory = data,
                Models = new[] { "p0", "p1" }.Select(p => new { Id = $"{p}/model", Api = "openai-completions", BaseUrl = $"{server.BaseUrl}/{p}/v1", ApiKeyEnv = KeyEnv }),
                OpenClaw = new { Discover = false, Unit = unit, HealthUrl = "", LogDirectory = logs },
                Alerts = new { Channels = new[] { new { Name = "drill", Type = "Webhook", Url = server.HookUrl } } },
            },
        }));

        var start = new ProcessStartInfo(guard) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "run", "--config", config })
        {
            start.ArgumentList.Add(a);
        }

        manager.ApplyEnvironment(start.Environment);
        start.Environment["HOME"] = home.FullName;
        start.Environment[KeyEnv] = "drill-key-0123456789";
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Guard__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var statePath = Path.Combine(data, ".api_health_state.json");
        try
        {
            // A healthy round, then the next one: the fault comes 10 s after it, as in the fake-time drill.
            var first = await WaitForAsync(() => Rounds(statePath) >= 1 ? Rounds(statePath) : (long?)null, TimeSpan.FromSeconds(90), process);
            await WaitForAsync(() => Rounds(statePath) > first ? true : (bool?)null, TimeSpan.FromSeconds(60), process);
            await Task.Delay(TimeSpan.FromSeconds(10));
            startsAtFault = manager.CountStarts(unit);
            broken = true;
            var onset = DateTimeOffset.UtcNow;
            if (gatewayReports)
            {
                await File.AppendAllTextAsync(gatewayLog, GatewayLogLines.AllModelsFailed(onset).Trim() + "\n");
            }

            DateTimeOffset? detect = null, restart = null, recover = null;
            var clock = Stopwatch.StartNew();
            while (recover is null && clock.Elapsed < TimeSpan.FromMinutes(4) && !process.HasExited)
            {
                await Task.Delay(50);
                var now = DateTimeOffset.UtcNow;
                var state = Read(statePath);
                if (state is not { } s)
                {
                    continue;
                }

                var chain = s.GetProperty("chain");
                detect ??= chain.GetProperty("is_dark").GetBoolean() ? now : null;
                restart ??= manager.CountStarts(unit) > startsAtFault ? now : null;
                var verified = s.TryGetProperty("restarts", out var restarts)
                    && restarts.EnumerateArray().Any(r => r.TryGetProperty("verified", out var v) && v.ValueKind == JsonValueKind.True);
                recover ??= verified && !chain.GetProperty("is_dark").GetBoolean() && chain.GetProperty("usable_models").GetArrayLength() > 0 ? now : null;
            }

            await Task.Delay(TimeSpan.FromSeconds(2)); // a ChainDark still in the outbox arrives by now
            // The state file may be dark for less than a poll (restart and verification follow at once): Guard's own
            // log record of the ChainDark transition is the exact moment; the state poll is the fallback.
            detect = ChainDarkLogged(Path.Combine(data, "logs"), onset) ?? detect;
            var alert = server.Alerts.Where(a => a.At >= onset && a.Body.Contains("ChainDark", StringComparison.Ordinal)).Select(a => (DateTimeOffset?)a.At).FirstOrDefault();
            var restartsDone = Read(statePath) is { } last && last.TryGetProperty("restarts", out var list) ? list.GetArrayLength() : 0;
            return new Timing(onset, detect, alert, restart, recover,
                $"{restartsDone} restart record(s), {server.Alerts.Count} webhook message(s)");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            _ = await stdout;
            _ = await stderr;
            await manager.StopUnitAsync(unit);
            if (Environment.GetEnvironmentVariable("GUARD_DRILL_KEEP") is { Length: > 0 } keep)
            {
                // For a post-mortem of the timings: Guard's own decision log of this fault.
                Directory.CreateDirectory(keep);
                foreach (var file in Directory.GetFiles(Path.Combine(data, "logs")))
                {
                    File.Copy(file, Path.Combine(keep, $"{unit}-{Path.GetFileName(file)}"), overwrite: true);
                }
            }

            home.Delete(recursive: true);
        }
    }

    private static DateTimeOffset? ChainDarkLogged(string logs, DateTimeOffset onset)
    {
        foreach (var file in Directory.Exists(logs) ? Directory.GetFiles(logs, "api_health*.log") : [])
        {
            foreach (var line in File.ReadLines(file).Where(l => l.Contains("ChainDark", StringComparison.Ordinal)))
            {
                try
                {
                    using var record = JsonDocument.Parse(line);
                    var root = record.RootElement;
                    if (root.GetProperty("EventId").GetProperty("Id").GetInt32() == 2200
                        && root.GetProperty("@t").GetDateTimeOffset() is var at && at >= onset)
                    {
                        return at;
                    }
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    // a line being written, or another record shape
                }
            }
        }

        return null;
    }

    private static long Rounds(string statePath) => Read(statePath) is { } s ? s.GetProperty("chain").GetProperty("rounds").GetInt64() : 0;

    private static JsonElement? Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null; // not written yet, or renamed over while reading
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan timeout, Process guard)
        where T : struct
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (guard.HasExited)
            {
                throw new InvalidOperationException($"guard run exited with {guard.ExitCode}");
            }

            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the drill's guard run did not get there within {timeout}");
    }
}
