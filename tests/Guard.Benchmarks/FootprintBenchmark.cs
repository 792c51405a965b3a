using System.Diagnostics;
using System.Globalization;

namespace Guard.Benchmarks;

/// <summary>
/// Figure 2: the AOT <c>guard run</c> probing 10 loopback models on a 30× scaled schedule (every 1 s, so 120 s is an
/// hour of the default 30 s schedule), sampled from /proc; beside it a minimal Python reference doing the same probes.
/// </summary>
internal static class FootprintBenchmark
{
    private const int Models = 10;

    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync(string[] args)
    {
        var guard = Option(args, "--guard") ?? Path.Combine(RepoRoot(), "src/Guard/bin/Release/net10.0/linux-x64/publish/guard");
        var seconds = int.Parse(Option(args, "--seconds") ?? "120", CultureInfo.InvariantCulture);
        if (!File.Exists(guard))
        {
            return [new("Footprint: AOT guard run, 10 models", "≤ 25 MB RSS, ≤ 0.2 % of a core", "not measured",
                $"no AOT binary at {guard}: run `dotnet publish src/Guard -c Release -r linux-x64 -p:PublishAot=true` first")];
        }

        Environment.SetEnvironmentVariable(ScaleBenchmark.KeyEnv, "bench-key-0123456789");
        await using var server = await LoopbackProviders.StartAsync();
        var home = Directory.CreateTempSubdirectory("guard-footprint-");
        try
        {
            var config = Path.Combine(home.FullName, "guard.json");
            var models = string.Join(",", Enumerable.Range(0, Models).Select(i =>
                $$"""{ "Id": "p{{i}}/model-{{i}}", "Model": "{{LoopbackProviders.ModelName}}", "Api": "openai-completions", "BaseUrl": "{{server.BaseUrl}}/p{{i}}/v1", "ApiKeyEnv": "{{ScaleBenchmark.KeyEnv}}" }"""));
            await File.WriteAllTextAsync(config, $$"""
                { "Guard": { "DataDirectory": "{{home.FullName}}/data", "Probe": { "Schedule": "*/1 * * * * *", "DeepEvery": "00:01:00" },
                  "Recovery": { "Enabled": false }, "OpenClaw": { "Discover": false, "HealthUrl": "" }, "Models": [ {{models}} ] } }
                """);
            var guardRun = await SampleAsync(guard, ["run", "--config", config], home.FullName, seconds);
            var script = Path.Combine(home.FullName, "reference.py");
            await File.WriteAllTextAsync(script, PythonReference);
            var reference = await SampleAsync("python3", [script, server.BaseUrl, Models.ToString(CultureInfo.InvariantCulture)], home.FullName, seconds);

            // 1 s ticks are 30× the default 30 s: the CPU spent in `seconds` is that of seconds × 30 at the default.
            double PercentOfCore(Sample s) => s.CpuSeconds / (seconds * 30.0) * 100;
            return
            [
                new("Footprint: AOT guard run, 10 models, steady / peak RSS", "≤ 25 MB",
                    Fmt($"{guardRun.SteadyRssKb / 1024.0:F1} MB / {guardRun.PeakRssKb / 1024.0:F1} MB"),
                    Fmt($"Python reference {reference.SteadyRssKb / 1024.0:F1} / {reference.PeakRssKb / 1024.0:F1} MB; ratio {guardRun.SteadyRssKb / (double)reference.SteadyRssKb:F2}× steady")),
                new("Footprint: CPU, average % of one core at the default 30 s schedule", "≤ 0.2 %",
                    Fmt($"{PercentOfCore(guardRun):F3} % ({guardRun.CpuSeconds * 3600 / (seconds * 30.0):F2} CPU-s per hour at the default schedule)"),
                    Fmt($"Python reference {PercentOfCore(reference):F3} %; ratio {guardRun.CpuSeconds / Math.Max(reference.CpuSeconds, 0.01):F2}×; {seconds} s at 1 s ticks = {seconds * 30 / 3600.0:F2} h of 30 s ticks; DeepEvery scaled to 1 min")),
            ];
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private sealed record Sample(long SteadyRssKb, long PeakRssKb, double CpuSeconds);

    private static async Task<Sample> SampleAsync(string file, string[] arguments, string home, int seconds)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["HOME"] = home;
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            // Start-up is not steady state: measure CPU from 5 s in.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var cpuStart = CpuSeconds(process.Id);
            var rss = new List<long>();
            for (var i = 0; i < seconds && !process.HasExited; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                rss.Add(Rig.Memory(process.Id).RssKb);
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"{file} exited early with {process.ExitCode}");
            }

            var cpu = CpuSeconds(process.Id) - cpuStart;
            var peak = Rig.Memory(process.Id).HwmKb;
            rss.Sort();
            return new Sample(rss[rss.Count / 2], peak, cpu);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static double CpuSeconds(int pid)
    {
        // /proc/PID/stat: fields after the ")" — utime and stime are the 12th and 13th from there, in clock ticks (100/s).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Guard.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    private static string Fmt(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    // The same work as Guard's rounds: every second, each model's reach GET, and a 1-token chat once a minute.
    private const string PythonReference = """
        import json, sys, time, urllib.request
        from concurrent.futures import ThreadPoolExecutor
        base, n = sys.argv[1], int(sys.argv[2])
        hdr = {"Authorization": "Bearer bench-key-0123456789", "Content-Type": "application/json"}
        body = json.dumps({"model": "m", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 1}).encode()
        def probe(i, deep):
            url = f"{base}/p{i}/v1"
            try:
                urllib.request.urlopen(urllib.request.Request(url + "/models", headers=hdr), timeout=15).read()
                if deep:
                    urllib.request.urlopen(urllib.request.Request(url + "/chat/completions", data=body, headers=hdr), timeout=15).read()
                return True
            except Exception:
                return False
        pool, tick = ThreadPoolExecutor(8), 0
        while True:
            time.sleep(1 - time.time() % 1)
            ok = list(pool.map(lambda i: probe(i, tick % 60 == 0), range(n)))
            tick += 1
        """;
}
