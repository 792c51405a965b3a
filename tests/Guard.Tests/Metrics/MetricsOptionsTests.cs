using Guard.Configuration;
using Microsoft.Extensions.Configuration;

namespace Guard.Tests.Metrics;

public sealed class MetricsOptionsTests
{
    [Fact]
    public void Load_MetricsSection_Binds()
    {
        var result = Load(("Guard:Metrics:Enabled", "true"), ("Guard:Metrics:Port", "9100"));

        Assert.Empty(result.Problems);
        Assert.True(result.Options!.Metrics.Enabled);
        Assert.Equal(9100, result.Options.Metrics.Port);
    }

    [Theory]
    [InlineData("Guard:Metrics:Port", "80", "Guard:Metrics:Port")]
    [InlineData("Guard:Metrics:Prot", "9464", "Guard:Metrics:Prot")]
    public void Load_BadMetricsKey_NamedProblem(string key, string value, string problemKey)
    {
        var result = Load((key, value));

        Assert.Null(result.Options);
        Assert.Contains(result.Problems, p => p.Path == problemKey);
    }

    [Fact]
    public void Defaults_DisabledOn9464()
    {
        var options = new GuardOptions();

        Assert.False(options.Metrics.Enabled);
        Assert.Equal(9464, options.Metrics.Port);
    }

    private static GuardOptionsLoadResult Load(params (string Key, string Value)[] values) =>
        GuardOptionsLoader.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());
}
