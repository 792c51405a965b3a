using Guard.Drill;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.Drill;

public sealed class DrillPartsTests
{
    [Fact]
    public void Providers_HealthyListsTheModel_FailingAnswers503Overloaded()
    {
        var providers = new DrillProviders();

        var healthy = providers.Answer("GET", "/alpha/v1/models", "");
        providers.Failing = true;
        var failing = providers.Answer("GET", "/alpha/v1/models", "");

        Assert.Equal(200, healthy.Status);
        Assert.Contains("\"id\":\"drill-alpha\"", healthy.Body, StringComparison.Ordinal);
        Assert.Equal(503, failing.Status);
        Assert.Contains("overloaded", failing.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_MarksEachStepOnceRelativeToOnset()
    {
        var time = new FakeTimeProvider();
        var output = new StringWriter();
        var timeline = new DrillTimeline(time, output);
        timeline.Start();
        time.Advance(TimeSpan.FromSeconds(4.25));

        Assert.True(timeline.Mark("detected", "ChainDark detected"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(timeline.Mark("detected", "again"));

        Assert.Equal(TimeSpan.FromSeconds(4.25), timeline.At("detected"));
        Assert.Null(timeline.At("alert"));
        Assert.Equal("     +4.3 s  ChainDark detected" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public async Task SimulatedSystemd_RestartRaisesEventAndJobCompletesDone()
    {
        var systemd = new SimulatedSystemdManager(new FakeTimeProvider());
        string? restarted = null;
        systemd.Restarted += unit => restarted = unit;

        var job = await systemd.RestartUnitAsync(OutageDrill.Unit);
        var done = await systemd.WaitForJobAsync(job.Value!, TimeSpan.FromSeconds(5));

        Assert.Equal(OutageDrill.Unit, restarted);
        Assert.True(done.Value!.Succeeded);
        Assert.True((await systemd.GetUnitStateAsync(OutageDrill.Unit)).Value!.IsActive);
    }
}
