using System.Diagnostics;
using System.Globalization;

namespace Guard.Benchmarks;

/// <summary>Wall and CPU time of one run, and the throughput they give for <see cref="Megabytes"/>.</summary>
internal readonly record struct Measure(double Megabytes, TimeSpan Wall, TimeSpan Cpu)
{
    public double WallMbPerSecond => Megabytes / Wall.TotalSeconds;

    public double CpuMbPerSecond => Megabytes / Cpu.TotalSeconds;

    /// <summary>
    /// Runs <paramref name="action"/> on the calling thread. CPU is that thread's own time in nanoseconds
    /// (<c>/proc/thread-self/schedstat</c>): the process clock ticks in 10 ms, as long as a whole raw read of 256 MB,
    /// and would also count the runtime's background threads.
    /// </summary>
    public static Measure Of(double megabytes, Action action)
    {
        var cpu = ThreadCpu();
        var started = Stopwatch.GetTimestamp();
        action();
        var wall = Stopwatch.GetElapsedTime(started);
        return new Measure(megabytes, wall, ThreadCpu() - cpu);
    }

    /// <summary>The faster of two runs on each clock (default = no run yet).</summary>
    public Measure Best(Measure other) => Wall == TimeSpan.Zero ? other : new(
        Megabytes, Wall < other.Wall ? Wall : other.Wall, Cpu < other.Cpu && Cpu > TimeSpan.Zero ? Cpu : other.Cpu);

    private static TimeSpan ThreadCpu()
    {
        try
        {
            var text = File.ReadAllText("/proc/thread-self/schedstat");
            return TimeSpan.FromTicks(long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture) / 100);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return Process.GetCurrentProcess().TotalProcessorTime;
        }
    }
}
