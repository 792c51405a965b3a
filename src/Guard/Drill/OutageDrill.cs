using Guard.Chain;
using System.Globalization;
using System.Text.Json;
using Guard.Configuration;
using Guard.Events;
using Guard.Probing;
using Guard.Probing.Keys;
using Guard.Systemd;
using Guard.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Guard.Drill;

/// <summary>
/// <c>guard drill outage</c>: Guard's real loop (scheduler, tracker, alert engine with a real webhook delivery,
/// recovery actor) against built-in providers on 127.0.0.1 that start failing on cue, and a temporary data directory.
/// The gateway is a real transient user unit when the user bus is reachable (<see cref="TransientDrillGateway"/>),
/// otherwise <see cref="SimulatedSystemdManager"/>, and the output says which. Prints the timeline
/// fault → detection → alert → restart → verified recovery.
/// </summary>
public sealed class OutageDrill(TextWriter output)
{
    /// <summary>The simulated gateway's unit name; a real stand-in unit gets a random suffix.</summary>
    public const string Unit = "guard-drill-gateway.service";
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private static readonly string[] ProviderNames = ["alpha", "bravo", "charlie"];

    private readonly TimeProvider _time = TimeProvider.System;

    /// <summary>Use the simulated gateway even when a user bus is reachable.</summary>
    public bool Simulate { get; init; }

    /// <summary>Where XDG_RUNTIME_DIR (the user bus) is read from.</summary>
    public Func<string, string?> GetEnvironment { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>True when every step happened in time (and a real stand-in unit was restarted and removed).</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        TransientDrillGateway? gateway = null;
        string? whySimulated = "--simulate was given";
        if (!Simulate)
        {
            (gateway, whySimulated) = await TransientDrillGateway.TryStartAsync(
                new SystemdBusOptions { Bus = BusKind.User }, GetEnvironment, _time, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var passed = await RunLoopAsync(gateway, whySimulated, cancellationToken).ConfigureAwait(false);
            if (gateway is null)
            {
                return passed;
            }

            await gateway.DisposeAsync().ConfigureAwait(false);
            await output.WriteLineAsync(gateway.CleanupProblem is null
                ? $"Stand-in unit {gateway.Unit} stopped and removed."
                : $"FAILED to remove the stand-in unit {gateway.Unit}: {gateway.CleanupProblem}").ConfigureAwait(false);
            return passed && gateway.CleanupProblem is null;
        }
        finally
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync().ConfigureAwait(false); // Ctrl-C or a failure: the unit still goes
            }
        }
    }

    private async Task<bool> RunLoopAsync(TransientDrillGateway? gateway, string? whySimulated, CancellationToken cancellationToken)
    {
        var providers = new DrillProviders();
        var timeline = new DrillTimeline(_time, output);
        var recoveredAlert = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var warm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var faultInjected = 0;
        var resolvedSeen = 0;
        TransientGatewayRestart? realRestart = null;

        // The resolved webhook can land a moment before the round that triggered it is seen here; it counts after verification.
        void MarkRecoveredAlert()
        {
            if (Volatile.Read(ref resolvedSeen) == 1 && timeline.At("verified") is not null &&
                timeline.Mark("recovered-alert", "ChainRecovered alert delivered (ChainDark resolved, webhook POST received)"))
            {
                recoveredAlert.TrySetResult();
            }
        }

        var data = Directory.CreateTempSubdirectory("guard-drill-");
        try
        {
            await using var providerServer = DrillHttpServer.Start(providers.Answer);
            await using var receiver = DrillHttpServer.Start((method, path, body) =>
            {
                if (Volatile.Read(ref faultInjected) == 1)
                {
                    foreach (var (alertName, status) in Alerts(body))
                    {
                        if (alertName == "ChainDark" && status == "firing")
                        {
                            timeline.Mark("alert", "alert delivered (ChainDark, webhook POST received)");
                        }
                        else if (alertName == "ChainDark" && status == "resolved")
                        {
                            Volatile.Write(ref resolvedSeen, 1);
                            MarkRecoveredAlert();
                        }
                    }
                }

                return (200, "{}");
            });

            var unit = gateway?.Unit ?? Unit;
            var configuration = Configuration(data.FullName, providerServer.BaseUrl, receiver.BaseUrl + "/alerts", unit);
            var loaded = GuardOptionsLoader.Load(configuration);
            if (!loaded.IsValid)
            {
                throw new InvalidOperationException("drill configuration invalid: " + string.Join("; ", loaded.Problems));
            }

            ISystemdManager systemd;
            if (gateway is null)
            {
                var simulated = new SimulatedSystemdManager(_time);
                simulated.Restarted += restarted =>
                {
                    timeline.Mark("restart", $"gateway restart requested ({restarted}: SIMULATED restart, no real unit is touched; providers healed)");
                    providers.Failing = false;
                };
                systemd = simulated;
            }
            else
            {
                gateway.Restarted += restart =>
                {
                    Volatile.Write(ref realRestart, restart);
                    timeline.Mark("restart", RestartLine(gateway.Unit, restart));
                    providers.Failing = false; // the "gateway" came back
                };
                systemd = gateway;
            }

            using var host = BuildHost(configuration, loaded.Options!, systemd);
            using var rounds = host.Services.GetRequiredService<IEventSubscriber>().Subscribe<RoundCompleted>(nameof(OutageDrill));
            _ = Task.Run(async () =>
            {
                // Ends when the subscription is disposed, with this drill.
                await foreach (var round in rounds.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    OnRound(round.Summary, timeline, warm);
                    MarkRecoveredAlert();
                }
            }, CancellationToken.None);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Outage drill: {ProviderNames.Length} scripted providers on {providerServer.BaseUrl}, alert webhook on {receiver.BaseUrl}, data in {data.FullName}")).ConfigureAwait(false);
            await output.WriteLineAsync(gateway is null
                ? $"Probing every second; ChainDark after 3 all-failed rounds; the gateway is SIMULATED (no systemd unit is touched: {whySimulated})."
                : string.Create(CultureInfo.InvariantCulture,
                    $"Probing every second; ChainDark after 3 all-failed rounds; the gateway is a REAL transient user unit {gateway.Unit} (MainPID {gateway.Started?.MainPid}), restarted over D-Bus and removed afterwards.")).ConfigureAwait(false);
            // The host's console lifetime takes SIGINT/SIGTERM (and keeps the process alive); treat its stop as an interrupt.
            using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(
                cancellationToken, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            await host.StartAsync(interrupted.Token).ConfigureAwait(false);
            try
            {
                await warm.Task.WaitAsync(TimeSpan.FromSeconds(15), _time, interrupted.Token).ConfigureAwait(false);
                await output.WriteLineAsync($"Warm-up: all {ProviderNames.Length} models healthy. Injecting the fault.").ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
                providers.Failing = true;
                timeline.Start();
                Volatile.Write(ref faultInjected, 1);
                timeline.Mark("fault", "fault injected (all providers failing: HTTP 503 overloaded)");
                await recoveredAlert.Task.WaitAsync(Deadline, _time, interrupted.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
            {
                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteLineAsync("INTERRUPTED: the drill was stopped (Ctrl-C or SIGTERM) before it finished.").ConfigureAwait(false);
                return false;
            }
            catch (TimeoutException)
            {
                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteLineAsync(warm.Task.IsCompleted
                    ? $"FAILED: the loop did not complete within {Deadline.TotalSeconds:0} s of the fault; missing: {string.Join(", ", Steps.Where(s => timeline.At(s) is null))}"
                    : "FAILED: the scripted providers never answered healthy during warm-up").ConfigureAwait(false);
                return false;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            var restart = Volatile.Read(ref realRestart);
            PrintSummary(timeline, gateway is null ? null : restart);
            if (gateway is not null && restart is not { Verified: true })
            {
                await output.WriteLineAsync($"FAILED: the stand-in unit {gateway.Unit} was not verifiably restarted (new MainPID, later ActiveEnterTimestamp).").ConfigureAwait(false);
                return false;
            }

            await output.WriteLineAsync("PASS: the whole loop works — fault, detection, alert, restart, verified recovery, all-clear.").ConfigureAwait(false);
            return true;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static string RestartLine(string unit, TransientGatewayRestart restart)
    {
        static string Time(DateTimeOffset? t) => t?.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture) ?? "-";
        var after = restart.After;
        var newPid = after?.MainPid?.ToString(CultureInfo.InvariantCulture) ?? "?";
        var verdict = restart.Verified ? "" : "; NOT verified";
        return string.Create(CultureInfo.InvariantCulture,
            $"gateway restarted ({unit}: REAL systemd restart job '{restart.JobResult}' in {restart.JobDuration.TotalMilliseconds:0} ms; MainPID {restart.Before.MainPid} → {newPid}, ActiveEnterTimestamp {Time(restart.Before.ActiveEnterTimestamp)} → {Time(after?.ActiveEnterTimestamp)}{verdict})");
    }

    /// <summary>The steps in the order they must happen.</summary>
    public static IReadOnlyList<string> Steps { get; } = ["fault", "detected", "alert", "restart", "verified", "recovered-alert"];

    private static void OnRound(RoundSummary summary, DrillTimeline timeline, TaskCompletionSource warm)
    {
        if (summary.Models.All(m => m.Ok))
        {
            warm.TrySetResult();
        }

        if (timeline.At("fault") is null)
        {
            return;
        }

        if (summary.ChainDark)
        {
            timeline.Mark("detected", string.Create(CultureInfo.InvariantCulture,
                $"ChainDark detected ({summary.ConsecutiveAllFailedRounds} rounds, every model failing)"));
        }

        if (timeline.At("restart") is not null && summary.Models.Any(m => m.Ok))
        {
            timeline.Mark("verified", string.Create(CultureInfo.InvariantCulture,
                $"restart verified: first healthy round ({summary.Models.Count(m => m.Ok)} of {summary.Models.Count} models answer)"));
        }
    }

    private void PrintSummary(DrillTimeline timeline, TransientGatewayRestart? restart)
    {
        static string S(TimeSpan? t) => t is { } v ? v.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-";
        output.WriteLine();
        output.WriteLine($"Detect: {S(timeline.At("detected"))}   Alert: {S(timeline.At("alert"))}   Recover (fault → verified): {S(timeline.At("verified"))}   " +
                         $"Restart → verified: {S(timeline.At("verified") - timeline.At("restart"))}");
        output.WriteLine(restart is null
            ? "Restart job: SIMULATED (no systemd job ran)"
            : string.Create(CultureInfo.InvariantCulture, $"Restart job: REAL, {restart.JobDuration.TotalMilliseconds:0} ms ('{restart.JobResult}')"));
    }

    private static IEnumerable<(string AlertName, string Status)> Alerts(string body)
    {
        var found = new List<(string, string)>();
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("alerts", out var alerts) && alerts.ValueKind == JsonValueKind.Array)
            {
                foreach (var alert in alerts.EnumerateArray())
                {
                    var status = alert.TryGetProperty("status", out var s) ? s.GetString() ?? "" : "";
                    var name = alert.TryGetProperty("labels", out var l) && l.TryGetProperty("alertname", out var n) ? n.GetString() ?? "" : "";
                    found.Add((name, status));
                }
            }
        }
        catch (JsonException)
        {
        }

        return found;
    }

    private static IConfigurationRoot Configuration(string dataDirectory, string providers, string webhook, string unit)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Guard:DataDirectory"] = dataDirectory,
            ["Guard:Probe:Schedule"] = "* * * * * *",
            ["Guard:Probe:Timeout"] = "00:00:01",
            ["Guard:Probe:FallbackDelay"] = "00:00:00",
            ["Guard:Recovery:AllFailedRounds"] = "3",
            ["Guard:Recovery:VerifyTimeout"] = "00:00:05",
            ["Guard:OpenClaw:Discover"] = "false",
            ["Guard:OpenClaw:Unit"] = unit,
            ["Guard:OpenClaw:HealthUrl"] = "",
            ["Guard:Logging:FileEnabled"] = "false",
            ["Guard:Alerts:Channels:0:Name"] = "drill",
            ["Guard:Alerts:Channels:0:Type"] = "Webhook",
            ["Guard:Alerts:Channels:0:Url"] = webhook,
        };
        for (var i = 0; i < ProviderNames.Length; i++)
        {
            var name = ProviderNames[i];
            values[$"Guard:Models:{i}:Id"] = $"openai/drill-{name}";
            values[$"Guard:Models:{i}:BaseUrl"] = $"{providers}/{name}/v1";
            values[$"Guard:Models:{i}:ApiKeyEnv"] = "GUARD_DRILL_FAKE_KEY";
            values[$"Guard:Models:{i}:Tiers:0"] = "Reach";
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static IHost BuildHost(IConfigurationRoot configuration, GuardOptions options, ISystemdManager systemd)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(configuration);

        GuardComposition.Compose(builder.Services, new CompositionRequest(
            options, new ModelChain(), GuardFeatures.State | GuardFeatures.Probing | GuardFeatures.ProbeLoop | GuardFeatures.Alerts | GuardFeatures.Systemd | GuardFeatures.Recovery)
        {
            Configuration = configuration,

            // The drill's own parts: fake keys, the simulated gateway.
            Overrides = [ServiceDescriptor.Singleton<IApiKeySource, CorruptedApiKeySource>(), ServiceDescriptor.Singleton(systemd)],
        });
        return builder.Build();
    }
}
