using Guard.Probing;
using Guard.Probing.Classification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.Probing;

public sealed class ProbingServiceCollectionExtensionsTests
{
    [Fact]
    public void AddGuardProbing_ResolvesTheProberAndClassifier()
    {
        using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging().AddGuardProbing().BuildServiceProvider(validateScopes: true);

        Assert.IsType<ModelProber>(services.GetRequiredService<IModelProber>());
        Assert.NotNull(services.GetRequiredService<FailureClassifier>());
    }

    [Fact]
    public void AddGuardProbing_KeepsAnExistingTimeProvider()
    {
        var fake = new FakeTimeProvider();
        using var services = new ServiceCollection().AddSingleton<TimeProvider>(fake).AddLogging().AddGuardProbing().BuildServiceProvider();

        Assert.Same(fake, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddGuardProbing_ProbeClientHasGuardUserAgentAndNoTimeout()
    {
        using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging().AddGuardProbing().BuildServiceProvider();

        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("Guard.Probing");

        Assert.StartsWith("guard/", client.DefaultRequestHeaders.UserAgent.ToString(), StringComparison.Ordinal);
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }
}
