using System.Diagnostics;

namespace Guard.Benchmarks;

/// <summary>Wall and process CPU time of one run, and the throughput they give for <see cref="Megabytes"/>.</summary>
internal readonly record struct Measure(double Megabytes, TimeSpan Wall, TimeSpan Cpu)
{
    public double WallMbPerSecond => Megabytes / Wall.TotalSeconds;

    public double CpuMbPerSecond => Megabytes / Cpu.TotalSeconds;

    public static Measure Of(double megabytes, Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        action();
        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        return new Measure(megabytes, wall, process.TotalProcessorTime - cpu);
    }

    /// <summary>The faster of two runs on each clock (default = no run yet).</summary>
    public Measure Best(Measure other) => Wall == TimeSpan.Zero ? other : new(
        Megabytes, Wall < other.Wall ? Wall : other.Wall, Cpu < other.Cpu && Cpu > TimeSpan.Zero ? Cpu : other.Cpu);
}
