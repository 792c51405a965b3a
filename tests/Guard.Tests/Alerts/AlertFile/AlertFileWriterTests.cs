using System.Text.Json;
using Guard.Alerts;

namespace Guard.Tests.Alerts.AlertFile;

[System.Runtime.Versioning.SupportedOSPlatform("linux")] // file modes are part of what is tested
public sealed class AlertFileWriterTests : IDisposable
{
    private readonly AlertTestBed _bed = new("owner");

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void AtStart_NothingFiring_FileSaysAllClear()
    {
        _bed.Manager.WriteAlertFile();

        using var json = JsonDocument.Parse(File.ReadAllBytes(_bed.AlertFilePath));
        var root = json.RootElement;
        Assert.Equal(["timestamp", "alerts", "failures"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(AlertTestBed.Start, root.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(0, root.GetProperty("alerts").GetArrayLength());
        Assert.Equal(0, root.GetProperty("failures").GetInt32());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_bed.AlertFilePath));
    }

    [Fact]
    public void Firing_ListedWithExactShape_EmptiedOnResolve_OneShotNeverListed()
    {
        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        _bed.Manager.Raise(new AlertEvent
        {
            Kind = AlertEventKind.ModelDown, Severity = AlertSeverity.Warning, Fingerprint = "ModelDown|zhipu/glm-4.7",
            At = _bed.Time.GetUtcNow(), Model = "zhipu/glm-4.7", FailureKind = "Timeout", Lines = ["zhipu/glm-4.7: Timeout"],
        });
        _bed.Manager.Raise(new AlertEvent
        {
            Kind = AlertEventKind.GatewayRestarted, Severity = AlertSeverity.Info, Fingerprint = "GatewayRestarted|u",
            At = _bed.Time.GetUtcNow(), OneShot = true, Detail = "verified",
        });

        using (var json = JsonDocument.Parse(File.ReadAllBytes(_bed.AlertFilePath)))
        {
            var alert = Assert.Single(json.RootElement.GetProperty("alerts").EnumerateArray().ToList());
            Assert.Equal(["model", "severity", "kind", "message", "since"], alert.EnumerateObject().Select(p => p.Name));
            Assert.Equal("zhipu/glm-4.7", alert.GetProperty("model").GetString());
            Assert.Equal("Warning", alert.GetProperty("severity").GetString());
            Assert.Equal("Timeout", alert.GetProperty("kind").GetString());
            Assert.StartsWith("⚠️ 模型不可用 ModelDown: zhipu/glm-4.7\nzhipu/glm-4.7: Timeout", alert.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(AlertTestBed.Start.AddMinutes(1), alert.GetProperty("since").GetDateTimeOffset());
            Assert.Equal(1, json.RootElement.GetProperty("failures").GetInt32());
        }

        _bed.Time.Advance(TimeSpan.FromMinutes(5));
        _bed.Manager.Resolve("ModelDown|zhipu/glm-4.7", _bed.Time.GetUtcNow());
        var after = _bed.ReadAlertFile();
        Assert.Empty(after.Alerts);
        Assert.Equal(0, after.Failures);
        Assert.Equal(_bed.Time.GetUtcNow(), after.Timestamp);
    }
}
