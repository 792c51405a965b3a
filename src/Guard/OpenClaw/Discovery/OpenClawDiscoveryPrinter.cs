namespace Guard.OpenClaw.Discovery;

/// <summary>The discovery section of <c>guard check-config</c>: where the chain and keys came from, never a key.</summary>
public static class OpenClawDiscoveryPrinter
{
    public static void Print(TextWriter output, OpenClawDiscoveryResult discovery)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(discovery);
        var p = discovery.Paths;
        output.WriteLine();
        output.WriteLine($"OpenClaw discovery via {discovery.Method}");
        output.WriteLine($"  config     {p.ConfigPath} ({p.ConfigPathOrigin}){(discovery.ConfigFound ? "" : " — not found, OpenClaw defaults apply")}");
        output.WriteLine($"  state      {p.StateDirectory}{(p.Profile is null ? "" : $" (profile '{p.Profile}')")}, agents {p.AgentsDirectory}, .env {p.EnvFile}");
        output.WriteLine($"  logs       {p.LogFileFor(new DateOnly(2026, 1, 1)).Replace("2026-01-01", "YYYY-MM-DD", StringComparison.Ordinal)}");
        output.WriteLine($"  workspace  {discovery.Workspace}");
        output.WriteLine($"  chain      {(discovery.Models.Count == 0 ? "(none found)" : string.Join(" → ", discovery.Models.Select(m => m.Id)))}");
        foreach (var m in discovery.Models.Where(m => m.NotProbedBecause is not null))
        {
            output.WriteLine($"  not probed {m.Id} ({m.Origin}): {m.NotProbedBecause}");
        }

        foreach (var problem in discovery.Problems)
        {
            output.WriteLine($"  problem    {problem}");
        }
    }
}
