using Guard.Alerts.Channels;
using Guard.Configuration;
using Guard.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.Tests.Alerts.Channels.OpenClaw;

public sealed class OpenClawChannelFactoryTests
{
    [Fact]
    public void The_factory_builds_the_openclaw_channel_with_its_fallback()
    {
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var factory = new AlertChannelFactory(services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System, SecretRedactor.Default, NullLoggerFactory.Instance,
            _ => null, () => new OpenClawOptions { Cli = "/bin/true" });
        var options = new AlertsOptions
        {
            Channels =
            [
                new() { Name = "chat", Type = AlertChannelType.OpenClaw, Channel = "feishu", Target = "ou_1", Fallback = "hook" },
                new() { Name = "hook", Type = AlertChannelType.Webhook, Url = "http://127.0.0.1:9/" },
            ],
        };

        var channels = factory.Create(options);

        var chat = Assert.IsType<Guard.Alerts.Channels.OpenClaw.OpenClawChannel>(Assert.IsType<RateLimitedAlertChannel>(channels[0]).Inner);
        Assert.Equal("hook", chat.Fallback?.Name);
        Assert.IsType<RateLimitedAlertChannel>(chat.Fallback);
        Assert.Equal(AlertChannelType.OpenClaw, channels[0].Type);
    }

    [Fact]
    public void Without_target_it_is_unavailable_with_the_reason()
    {
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var factory = new AlertChannelFactory(services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System, SecretRedactor.Default, NullLoggerFactory.Instance);

        var channel = Assert.IsType<UnavailableAlertChannel>(factory.CreateUnlimited(new AlertChannelOptions { Name = "chat", Type = AlertChannelType.OpenClaw, Channel = "feishu" }));

        Assert.Contains("Target", channel.Problem, StringComparison.Ordinal);
    }
}
