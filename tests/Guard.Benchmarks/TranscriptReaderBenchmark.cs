using System.Globalization;
using Guard.Quota.Transcripts;
using Guard.Tests.Quota;
using Guard.Tests.Quota.Transcripts;

namespace Guard.Benchmarks;

/// <summary>
/// Transcript reader throughput against a raw sequential FileStream read of the same file in the same run, and the
/// cost of a cycle with no new data per transcript file. Verb <c>transcripts [sizeMB=256] [files=2000]</c>.
/// </summary>
internal static class TranscriptReaderBenchmark
{
    private const int Rounds = 5;

    public static int Run(string[] args)
    {
        var sizeMb = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 256;
        var fileCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        var root = Path.Combine(Path.GetTempPath(), "guard-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            Throughput(Path.Combine(root, "big", "agents"), sizeMb);
            NoNewData(Path.Combine(root, "many", "agents"), fileCount);
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Throughput(string agents, int sizeMb)
    {
        var sessions = Path.Combine(agents, "main", "sessions");
        Directory.CreateDirectory(sessions);
        var path = Path.Combine(sessions, "9f1c7d2e-big.jsonl");
        var totals = LargeTranscript.Write(path, sizeMb * 1024L * 1024);
        var megabytes = totals.Bytes / 1024.0 / 1024.0;

        // Rounds of a raw read then the reader, back to back, both from the page cache: the ratio is what the reader
        // adds to I/O. The headline is the median of each round's own ratio, so a phase in which this VM runs slower
        // (it has them: both clocks drop by a third) slows both sides of a pair instead of mixing a fast raw read with
        // a slow reader run; best-of figures are shown beside it. CPU time beside wall time: on a shared, loaded
        // machine wall time mostly measures the scheduler.
        Measure raw = default, reader = default;
        var wallRatios = new List<double>();
        var cpuRatios = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var rawRound = Measure.Of(megabytes, () => RawRead(path));
            var readerRound = Measure.Of(megabytes, () =>
            {
                var scan = new TranscriptReader().Scan(agents, LargeTranscript.At);
                if (scan.Turns != totals.Turns)
                {
                    throw new InvalidOperationException($"read {scan.Turns} turns, expected {totals.Turns}");
                }
            });
            raw = raw.Best(rawRound);
            reader = reader.Best(readerRound);
            wallRatios.Add(readerRound.WallMbPerSecond / rawRound.WallMbPerSecond);
            cpuRatios.Add(readerRound.CpuMbPerSecond / rawRound.CpuMbPerSecond);
        }

        Console.WriteLine($"machine                   {Environment.ProcessorCount} CPUs, load average {LoadAverage()}");
        Console.WriteLine($"transcript file           {megabytes,10:0} MB ({totals.Turns} assistant turns)");
        Console.WriteLine($"                          {"wall MB/s",10}  {"CPU MB/s",10}");
        Console.WriteLine($"raw FileStream read       {raw.WallMbPerSecond,10:0}  {raw.CpuMbPerSecond,10:0}");
        Console.WriteLine($"incremental reader        {reader.WallMbPerSecond,10:0}  {reader.CpuMbPerSecond,10:0}");
        Console.WriteLine($"best reader / best raw    {reader.WallMbPerSecond / raw.WallMbPerSecond * 100,9:0.0}%  {reader.CpuMbPerSecond / raw.CpuMbPerSecond * 100,9:0.0}%");
        Console.WriteLine($"reader / raw, median pair {Median(wallRatios) * 100,9:0.0}%  {Median(cpuRatios) * 100,9:0.0}%   ({Rounds} rounds, each ratio within one round; Utf8JsonReader over every line, no target)");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static void NoNewData(string agents, int fileCount)
    {
        for (var i = 0; i < fileCount; i++)
        {
            var sessions = Path.Combine(agents, "agent" + (i % 4), "sessions");
            Directory.CreateDirectory(sessions);
            File.WriteAllText(Path.Combine(sessions, $"s{i:D5}.jsonl"), string.Join('\n',
                TranscriptLines.Session($"s{i}", LargeTranscript.At),
                TranscriptLines.User(LargeTranscript.At, "hi"),
                TranscriptLines.Assistant(LargeTranscript.At, "zhipu", "glm-4.7", 100, 20)) + "\n");
        }

        var reader = new TranscriptReader();
        var first = reader.Scan(agents, LargeTranscript.At);
        const int cycles = 20;
        var cost = Measure.Of(0, () =>
        {
            for (var c = 0; c < cycles; c++)
            {
                if (reader.Scan(agents, LargeTranscript.At).FilesRead != 0)
                {
                    throw new InvalidOperationException("a cycle without new data opened a file");
                }
            }
        });
        Console.WriteLine($"no-new-data cycle         {cost.Wall.TotalMilliseconds / cycles,10:0.00} ms wall, {cost.Cpu.TotalMilliseconds / cycles,6:0.00} ms CPU for {first.FilesSeen} files");
        Console.WriteLine($"  per transcript file     {cost.Wall.TotalMicroseconds / cycles / first.FilesSeen,10:0.0} µs wall, {cost.Cpu.TotalMicroseconds / cycles / first.FilesSeen,6:0.0} µs CPU   (target < 1000 µs)");
    }

    private static void RawRead(string path)
    {
        var buffer = new byte[1024 * 1024];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0, FileOptions.SequentialScan);
        while (stream.Read(buffer, 0, buffer.Length) > 0)
        {
        }
    }

}
