using System.Text;
using Guard.Cli;
using Guard.Configuration;
using Microsoft.Extensions.Configuration;

namespace Guard.Tests.Quota;

public sealed class QuotaConfigurationTests
{
    private static GuardOptionsLoadResult Load(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return GuardOptionsLoader.Load(configuration);
    }

    [Theory]
    [InlineData("""{"Guard":{"Quota":{"Budgets":{"google/gemini-3-flash":{"RequestsPerWindow":250,"TimeZone":"Pacific Time"}}}}}""", "Guard:Quota:Budgets:google/gemini-3-flash:TimeZone")]
    [InlineData("""{"Guard":{"Quota":{"Budgets":{"zhipu/glm-4.7":{"TokensPerWindow":5,"Window":"05:00:00","TimeZone":"Asia/Shanghai"}}}}}""", "Guard:Quota:Budgets:zhipu/glm-4.7:Window")]
    [InlineData("""{"Guard":{"Quota":{"CriticalArguments":["--now"]}}}""", "Guard:Quota:CriticalArguments")]
    [InlineData("""{"Guard":{"Quota":{"CheckEvery":"00:00:01"}}}""", "Guard:Quota:CheckEvery")]
    [InlineData("""{"Guard":{"Quota":{"ReadTranscripts":"sometimes"}}}""", "Guard:Quota:ReadTranscripts")]
    public void Bad_quota_settings_name_their_key(string json, string path)
    {
        var result = Load(json);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Path == path);
    }

    [Fact]
    public void Valid_zone_and_calendar_window_load()
    {
        var result = Load("""{"Guard":{"Quota":{"CriticalCommand":"/usr/local/bin/pause-jobs","CriticalArguments":["--all"],"Budgets":{"google/gemini-3-flash":{"RequestsPerWindow":250,"TimeZone":"America/Los_Angeles"},"zhipu/glm-4.7":{"TokensPerWindow":5000000,"Window":"05:00:00"}}}}}""");

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(["--all"], result.Options!.Quota.CriticalArguments);
        Assert.Equal("America/Los_Angeles", result.Options.Quota.Budgets["google/gemini-3-flash"].TimeZone);
    }

    [Fact]
    public async Task Guard_quota_with_an_invalid_time_zone_exits_78_naming_the_key()
    {
        var file = Path.Combine(Path.GetTempPath(), "guard-quota-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, """{"Guard":{"DataDirectory":"/nonexistent/guard","Quota":{"Budgets":{"google/gemini-3-flash":{"RequestsPerWindow":250,"TimeZone":"Mars/Olympus"}}}}}""");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = await GuardCommandLine.InvokeAsync(["quota", "--config", file], output, error);

            Assert.Equal(ExitCodes.Config, exit);
            Assert.Contains("Guard:Quota:Budgets:google/gemini-3-flash:TimeZone = 'Mars/Olympus'", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
