using System.Globalization;
using System.Runtime.InteropServices;
using Guard.Benchmarks;

// One command reproduces every figure: dotnet run -c Release --project tests/Guard.Benchmarks -- all
var verb = args.Length > 0 ? args[0] : "all";
var rows = new List<BenchmarkRow>();
var all = verb == "all";
if (all || verb == "cost")
{
    rows.AddRange(await ProbeCostBenchmark.RunAsync());
}

if (all || verb == "scale")
{
    rows.AddRange(await ScaleBenchmark.RunAsync());
}

if (all || verb == "footprint")
{
    rows.AddRange(await FootprintBenchmark.RunAsync(args.Skip(1).ToArray()));
}

if (all || verb == "drill")
{
    rows.AddRange(await OutageDrillBenchmark.RunAsync());
}

if (all || verb == "drill-systemd")
{
    // Needs root and systemd (a private user manager); says "not measured" and why otherwise.
    rows.AddRange(await SystemdOutageDrill.RunAsync(args.Skip(1).ToArray()));
}

if (all || verb == "transcripts")
{
    // Prints its own lines (raw read vs reader in the same run), before the table.
    TranscriptReaderBenchmark.Run(verb == "transcripts" ? args.Skip(1).ToArray() : []);
    rows.Add(new BenchmarkRow("Transcript reader throughput", "none (simple Utf8JsonReader; figure kept)", "see the transcripts lines above", "same run, same file, page cache"));
}

if (all || verb == "classification")
{
    // Prints its own per-kind table and the misses, before the summary table.
    rows.AddRange(ClassificationReport.Run());
}

if (rows.Count == 0)
{
    Console.Error.WriteLine("usage: Guard.Benchmarks [all|cost|scale|footprint|drill|drill-systemd|transcripts|classification] [footprint, drill-systemd: --guard PATH; footprint: --seconds N]");
    return 64;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.MachineName}: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}"));
Console.WriteLine();
Console.WriteLine("| Figure | Target | Measured | Notes |");
Console.WriteLine("|---|---|---|---|");
foreach (var row in rows)
{
    Console.WriteLine($"| {row.Figure} | {row.Target} | {row.Measured} | {row.Notes} |");
}

return 0;
