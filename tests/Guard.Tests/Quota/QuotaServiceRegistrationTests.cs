using Guard.Chain;
using Guard.Configuration;
using Guard.Probing;
using Guard.Quota;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Guard.Tests.Quota;

public sealed class QuotaServiceRegistrationTests : IDisposable
{
    private readonly OpenClawHome _home = new();

    public void Dispose() => _home.Dispose();

    private ServiceProvider Build(bool withProbeLoop)
    {
        var options = new GuardOptions { DataDirectory = _home.DataDirectory };
        var services = new ServiceCollection();
        var features = GuardFeatures.State | GuardFeatures.Quota | (withProbeLoop ? GuardFeatures.Probing | GuardFeatures.ProbeLoop : GuardFeatures.None);
        GuardComposition.Compose(services, new CompositionRequest(options, new ModelChain(), features) { Configuration = new ConfigurationBuilder().Build() });
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Quota_check_is_a_hosted_service_with_or_without_the_probe_loop(bool withProbeLoop)
    {
        using var provider = Build(withProbeLoop);

        var check = provider.GetRequiredService<QuotaCheck>();

        Assert.Contains(provider.GetServices<IHostedService>(), s => ReferenceEquals(s, check));
        Assert.Equal(withProbeLoop, provider.GetService<ProbeScheduler>() is not null);
    }
}
