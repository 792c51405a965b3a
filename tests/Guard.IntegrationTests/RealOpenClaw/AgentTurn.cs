using System.Text.Json;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>One real agent turn through the gateway (<c>openclaw agent … --json</c>) and what it said.</summary>
public sealed record AgentTurn(bool Answered, string? Provider, string? Model, string? Text, ToolRun Run)
{
    public static async Task<AgentTurn> RunAsync(OpenClawTestHome home, string session, string message = "Are you there?", int timeoutSeconds = 90)
    {
        ArgumentNullException.ThrowIfNull(home);
        var seconds = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] arguments = home.Release.Era == OpenClawEra.SqliteStores
            ? ["agent", "--session-key", $"agent:main:{session}", "--message", message, "--json", "--timeout", seconds]
            : ["agent", "--session-id", session, "--message", message, "--json", "--timeout", seconds];
        // 2026.2.x's CLI falls back to running the turn itself when the gateway fails it, and that run can hang on a
        // hanging provider: a turn that outlives its limit is an unanswered turn, not a broken test bed.
        var run = await home.CliAsync(arguments, timeout: TimeSpan.FromSeconds(timeoutSeconds + 30), throwOnTimeout: false);
        return Parse(run);
    }

    private static AgentTurn Parse(ToolRun run)
    {
        var start = run.StandardOutput.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return new AgentTurn(false, null, null, null, run);
        }

        try
        {
            using var json = JsonDocument.Parse(run.StandardOutput[start..]);
            var root = json.RootElement;
            var ok = root.TryGetProperty("status", out var status) && status.GetString() == "ok";
            string? text = null, provider = null, model = null;
            if (root.TryGetProperty("result", out var result))
            {
                if (result.TryGetProperty("payloads", out var payloads) && payloads.ValueKind == JsonValueKind.Array && payloads.GetArrayLength() > 0
                    && payloads[0].TryGetProperty("text", out var t))
                {
                    text = t.GetString();
                }

                if (result.TryGetProperty("meta", out var meta) && meta.TryGetProperty("agentMeta", out var agent))
                {
                    provider = agent.TryGetProperty("provider", out var p) ? p.GetString() : null;
                    model = agent.TryGetProperty("model", out var m) ? m.GetString() : null;
                }
            }

            return new AgentTurn(ok && run.Succeeded, provider, model, text, run);
        }
        catch (JsonException)
        {
            return new AgentTurn(false, null, null, null, run);
        }
    }

    public override string ToString() => $"answered={Answered} by {Provider}/{Model}: {Text}\n--- stdout ---\n{Run.StandardOutput}\n--- stderr ---\n{Run.StandardError}";
}
