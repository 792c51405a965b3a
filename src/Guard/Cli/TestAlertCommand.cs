using Guard.Chain;
using System.CommandLine;
using System.Globalization;
using Guard.Alerts;
using Guard.Alerts.Channels;
using Guard.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Guard.Cli;

/// <summary>
/// <c>guard test-alert [--channel NAME]</c>: one clearly marked test message through each channel (or one), and
/// one line per channel with its outcome or the channel's own error made actionable. Exit 0 when all delivered.
/// </summary>
public static class TestAlertCommand
{
    public const string Title = "[TEST] 【测试】 Guard alert channel test";

    /// <summary>Waits longer than this (a provider's retry_after, a rate limit) are reported, not waited out.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    public static Command Create(GlobalCliOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var channelOption = new Option<string?>("--channel") { Description = "Send only through this channel", HelpName = "NAME" };
        var command = new Command("test-alert", "Send a marked test message through each alert channel and print what each answered") { channelOption };
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
                return await RunAsync(output, error, loaded.Options, parse.GetValue(channelOption), parse.GetValue(global.Config), cancellationToken);
            }
        });
        return command;
    }

    public static async Task<int> RunAsync(
        TextWriter output, TextWriter error, GuardOptions options, string? only, string? configPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Alerts.Channels;
        if (configured.Count == 0)
        {
            await output.WriteLineAsync(NoChannelsHelp);
            return ExitCodes.SomeFailed;
        }

        var selected = only is null
            ? configured
            : configured.Where(c => string.Equals(c.Name, only, StringComparison.OrdinalIgnoreCase)).ToList();
        if (selected.Count == 0)
        {
            await error.WriteLineAsync($"guard: no alert channel '{only}'; configured: {string.Join(", ", configured.Select(c => c.Name))}");
            return ExitCodes.Usage;
        }

        await using var services = BuildServices(options);
        var time = services.GetRequiredService<TimeProvider>();
        var factory = services.GetRequiredService<IAlertChannelFactory>();
        // One at a time: an OpenClaw channel is then tested without its Fallback, so a broken chat set-up shows here.
        var channels = selected.SelectMany(c => factory.Create(new AlertsOptions { RepeatEvery = options.Alerts.RepeatEvery, Channels = [c] })).ToList();
        var delivered = 0;
        foreach (var channel in channels)
        {
            var message = Message(channel, configPath, time.GetUtcNow());
            var started = time.GetTimestamp();
            var result = await channel.SendAsync(message, cancellationToken);
            if (result.Outcome == DeliveryOutcome.Transient && result.RetryAfter is { } wait && wait <= MaxWait)
            {
                await Task.Delay(wait, time, cancellationToken);
                result = await channel.SendAsync(message, cancellationToken);
            }

            var elapsed = time.GetElapsedTime(started);
            delivered += result.Ok ? 1 : 0;
            await output.WriteLineAsync(Line(channel, result, elapsed));
        }

        await output.WriteLineAsync($"{delivered} of {channels.Count} channel{(channels.Count == 1 ? "" : "s")} delivered the test message.");
        return delivered == channels.Count ? ExitCodes.Ok : ExitCodes.SomeFailed;
    }

    /// <summary><c>owner (Feishu): delivered in 212 ms</c> or <c>owner (Feishu): FAILED — detail [code 19021]</c>.</summary>
    public static string Line(IAlertChannel channel, DeliveryResult result, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(result);
        var head = $"{channel.Name} ({channel.Type})";
        if (result.Ok)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{head}: delivered in {(long)elapsed.TotalMilliseconds} ms");
        }

        var code = !string.IsNullOrEmpty(result.ChannelCode) && result.ChannelCode != RateLimitedAlertChannel.HeldBackCode
            ? $" [code {result.ChannelCode}]"
            : result.HttpStatus is { } status ? $" [HTTP {status}]" : "";
        var retry = result.Outcome == DeliveryOutcome.Transient && result.RetryAfter is { } after
            ? string.Create(CultureInfo.InvariantCulture, $" (temporary; retry after {Math.Ceiling(after.TotalSeconds):0} s)")
            : "";
        return $"{head}: FAILED — {result.Detail}{code}{retry}";
    }

    public static AlertMessage Message(IAlertChannel channel, string? configPath, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var host = Environment.MachineName;
        var config = string.IsNullOrEmpty(configPath)
            ? $"{GuardConfigurationBuilder.FileName} and {GuardConfigurationBuilder.UserConfigPath()}"
            : Path.GetFullPath(configPath);
        var id = string.Create(CultureInfo.InvariantCulture, $"test-{now:yyyyMMddHHmmss}-{Guid.NewGuid():N}")[..28];
        return new AlertMessage
        {
            Id = id,
            Fingerprint = $"Test|{host}|{channel.Name}",
            Kind = AlertEventKind.Test,
            Severity = AlertSeverity.Info,
            Status = AlertStatus.Firing,
            Title = Title,
            Text = string.Create(CultureInfo.InvariantCulture,
                $"这是一条测试消息，无需处理。This is a test message: no action needed.\n" +
                $"Sent by Guard {GuardCommandLine.Version} on host {host} (config: {config}) through channel '{channel.Name}' ({channel.Type}) " +
                $"at {now.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.\nIf you can read this, Guard can reach you here."),
            Labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["alertname"] = "GuardTest",
                ["severity"] = "info",
                ["host"] = host,
                ["channel"] = channel.Name,
            },
            StartsAt = now,
            IsTest = true,
        };
    }

    private const string NoChannelsHelp =
        """
        guard: no alert channels configured, so there is nothing to test.
        Add one under Guard:Alerts:Channels, for example a Feishu custom bot (group settings → Bots → Custom bot,
        enable "signature verification"), in ~/.config/guard/appsettings.json:

          "Alerts": { "Channels": [ { "Name": "owner", "Type": "Feishu", "UrlEnv": "FEISHU_WEBHOOK_URL", "SecretEnv": "FEISHU_BOT_SECRET" } ] }

        and put FEISHU_WEBHOOK_URL=https://open.feishu.cn/open-apis/bot/v2/hook/… and FEISHU_BOT_SECRET=… in ~/.config/guard/env.
        DingTalk, WeCom, Telegram, Webhook and Command channels work the same way (see README, "Alerts").
        Then run `guard test-alert` again.
        """;

    private static ServiceProvider BuildServices(GuardOptions options)
    {
        // The console carries the command's own lines; the log file (when enabled) gets one record per attempt.
        return GuardComposition.Build(new CompositionRequest(options, new ModelChain(), GuardFeatures.AlertChannels)
        {
            Overrides = [ServiceDescriptor.Singleton(options)],
        });
    }
}
