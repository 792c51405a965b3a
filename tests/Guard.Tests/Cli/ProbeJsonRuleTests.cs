using System.Text.Json;
using Guard.Cli;
using Guard.Configuration;
using Guard.Probing;

namespace Guard.Tests.Cli;

/// <summary><c>guard probe --json</c> says which rule decided a failure (issue 15), and nothing for an ok row.</summary>
public sealed class ProbeJsonRuleTests
{
    [Fact]
    public void ToRows_FailedRow_CarriesTheRule_OkRowHasNone()
    {
        var model = new ModelDefinition("kimi", "corp-gateway", ApiKinds.OpenAiCompletions, "https://llm.corp.example/v1", "kimi-k2",
            "KEY", [ProbeTier.Reach], new Dictionary<string, string>(), TimeSpan.FromSeconds(5), ModelSource.GuardConfig);
        var failed = Result(ok: false, FailureKind.Overloaded, "reply:moonshot.overloaded");
        var ok = Result(ok: true, null, null);

        var rows = ProbeCommand.ToRows([model, model], [new ModelProbeOutcome("kimi", [failed]), new ModelProbeOutcome("kimi", [ok])]);
        var json = JsonSerializer.Serialize(rows, CliJsonContext.Default.ListProbeJsonRow);
        using var doc = JsonDocument.Parse(json);

        Assert.Equal("reply:moonshot.overloaded", doc.RootElement[0].GetProperty("rule").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement[1].GetProperty("rule").ValueKind);
    }

    private static ProbeResult Result(bool ok, FailureKind? kind, string? rule) => new()
    {
        ModelId = "kimi", Provider = "corp-gateway", Api = ApiKinds.OpenAiCompletions, Tier = ProbeTier.Reach,
        Ok = ok, Kind = kind, HttpStatus = ok ? 200 : 429, Rule = rule,
    };
}
