using Guard.Alerts;
using Guard.Alerts.AlertFile;
using Guard.Alerts.Outbox;
using Guard.Alerts.Rendering;
using Guard.Configuration;
using Guard.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.ProcessHarness;

/// <summary>
/// Opens the real outbox in a data directory and drains it through the real dispatcher to one webhook channel until
/// nothing is pending (exit 0). Tests kill it with SIGKILL at random moments and start it again.
/// </summary>
public static class OutboxDeliverer
{
    public const string ChannelName = "hook";

    public static GuardOptions Options(string directory, string endpoint)
    {
        var options = new GuardOptions { DataDirectory = directory };
        options.Alerts.Channels = [new AlertChannelOptions { Name = ChannelName, Type = AlertChannelType.Webhook, Url = endpoint }];
        return options;
    }

    /// <summary>The engine over <paramref name="directory"/> with one webhook channel to <paramref name="endpoint"/>.</summary>
    public static (AlertOutbox Outbox, AlertManager Manager, AlertDispatcher Dispatcher) Open(
        string directory, string endpoint, HttpClient http, TimeProvider time)
    {
        var options = Options(directory, endpoint);
        var live = new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        var outbox = AlertOutbox.Open(AlertOutbox.PathIn(directory), time, NullLogger<AlertOutbox>.Instance);
        var manager = new AlertManager(outbox, new AlertRenderer(SecretRedactor.Default),
            new AlertFileWriter(AlertFileWriter.PathIn(directory), NullLogger<AlertFileWriter>.Instance), live, time, NullLogger<AlertManager>.Instance);
        var channel = new WebhookTestChannel(ChannelName, http, new Uri(endpoint));
        var dispatcher = new AlertDispatcher(outbox, manager, new Factory(channel), live, SecretRedactor.Default, time, NullLogger<AlertDispatcher>.Instance);
        return (outbox, manager, dispatcher);
    }

    public static async Task<int> RunAsync(string directory, string endpoint)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var (outbox, _, dispatcher) = Open(directory, endpoint, http, TimeProvider.System);
        while (outbox.PendingChannels().Count > 0)
        {
            await dispatcher.DrainOnceAsync(CancellationToken.None);
            if (dispatcher.NextWorkAt() is { } next && next > TimeProvider.System.GetUtcNow())
            {
                await Task.Delay(next - TimeProvider.System.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero);
            }
        }

        return 0;
    }

    private sealed class Factory(IAlertChannel channel) : IAlertChannelFactory
    {
        public IReadOnlyList<IAlertChannel> Create(AlertsOptions options) => [channel];
    }
}
