using Guard.Configuration;
using Guard.OpenClaw.Discovery;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.OpenClaw;

public sealed class GatewayLogTailTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "guard-tail-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 23, 59, 58, TimeSpan.Zero));
    private readonly GatewayLogTailHarness _tail;

    public GatewayLogTailTests()
    {
        Directory.CreateDirectory(_dir);
        _time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var paths = OpenClawPaths.Resolve(new OpenClawOptions { LogDirectory = _dir, Profile = "work" }, _ => null);
        _tail = new GatewayLogTailHarness(new Guard.OpenClaw.GatewayLog.GatewayLogTail(() => paths, _time));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Day(int day) => Path.Combine(_dir, $"openclaw-work-2026-02-{day:00}.log");

    [Fact]
    public void Starts_at_the_end_reads_whole_lines_and_crosses_midnight()
    {
        File.WriteAllText(Day(12), "old 1\nold 2\n");
        Assert.Empty(_tail.Poll());

        File.AppendAllText(Day(12), "a\npart");
        Assert.Equal(["a"], _tail.Poll());
        File.AppendAllText(Day(12), "ial\n");
        Assert.Equal(["partial"], _tail.Poll());

        _time.Advance(TimeSpan.FromSeconds(5)); // 2026-02-13
        File.AppendAllText(Day(12), "late on the 12th\n");
        File.WriteAllText(Day(13), "first on the 13th\n");
        Assert.Equal(["late on the 12th", "first on the 13th"], _tail.Poll());
        Assert.Equal(Day(13), _tail.Tail.CurrentPath);
    }

    [Fact]
    public void A_rotated_or_truncated_file_is_read_from_its_start()
    {
        File.WriteAllText(Day(12), "x\n");
        _tail.Poll();
        File.AppendAllText(Day(12), "long line before rotation\n");
        Assert.Single(_tail.Poll());

        File.WriteAllText(Day(12), "new\n");
        Assert.Equal(["new"], _tail.Poll());
    }

    [Fact]
    public void A_missing_file_is_waited_for()
    {
        Assert.Empty(_tail.Poll());
        Assert.Empty(_tail.Poll());
        File.WriteAllText(Day(12), "appeared\n");
        Assert.Equal(["appeared"], _tail.Poll());
    }

    private sealed class GatewayLogTailHarness(Guard.OpenClaw.GatewayLog.GatewayLogTail tail)
    {
        public Guard.OpenClaw.GatewayLog.GatewayLogTail Tail => tail;

        public IReadOnlyList<string> Poll() => tail.Poll();
    }
}
