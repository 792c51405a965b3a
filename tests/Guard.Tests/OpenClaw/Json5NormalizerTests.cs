using System.Text.Json;
using Guard.OpenClaw.Discovery;

namespace Guard.Tests.OpenClaw;

public sealed class Json5NormalizerTests
{
    [Fact]
    public void Reads_the_reference_config_with_comments_unquoted_keys_single_quotes_and_trailing_commas()
    {
        const string json5 = """
            // ~/.openclaw/openclaw.json (JSON5)
            {
              agents: { defaults: { model: { primary: "google/gemini-3-flash-preview",
                                             fallbacks: ['zhipu/glm-4.7', "nvidia/moonshotai/kimi-k2.5",], } },
                        list: [{ id: "main", default: true }] },   /* newer: entries */
              gateway: { port: 18789, bind: 'loopback', },
            }
            """;

        using var doc = JsonDocument.Parse(Json5Normalizer.ToJson(json5));

        var model = doc.RootElement.GetProperty("agents").GetProperty("defaults").GetProperty("model");
        Assert.Equal("google/gemini-3-flash-preview", model.GetProperty("primary").GetString());
        Assert.Equal(["zhipu/glm-4.7", "nvidia/moonshotai/kimi-k2.5"], model.GetProperty("fallbacks").EnumerateArray().Select(e => e.GetString()));
        Assert.True(doc.RootElement.GetProperty("agents").GetProperty("list")[0].GetProperty("default").GetBoolean());
        Assert.Equal(18789, doc.RootElement.GetProperty("gateway").GetProperty("port").GetInt32());
        Assert.Equal("loopback", doc.RootElement.GetProperty("gateway").GetProperty("bind").GetString());
    }

    [Theory]
    [InlineData("{a: 'it\\'s'}", "it's")]
    [InlineData("{a: 'say \"hi\"'}", "say \"hi\"")]
    [InlineData("{a: \"tab\\there\"}", "tab\there")]
    [InlineData("{a: 'x\\x41y'}", "xAy")]
    [InlineData("{a: 'line \\\ncontinued'}", "line continued")]
    [InlineData("{a: '// not a comment'}", "// not a comment")]
    [InlineData("{a: '/* nor this */'}", "/* nor this */")]
    [InlineData("{$a_1: 'k'}", "k")]
    public void Strings_and_keys(string json5, string expected)
    {
        using var doc = JsonDocument.Parse(Json5Normalizer.ToJson(json5));
        Assert.Equal(expected, doc.RootElement.EnumerateObject().Single().Value.GetString());
    }

    [Theory]
    [InlineData("{n: 0x1F}", 31)]
    [InlineData("{n: +5}", 5)]
    [InlineData("{n: .5}", 0.5)]
    [InlineData("{n: 5.}", 5)]
    [InlineData("{n: -1.5e3}", -1500)]
    public void Numbers(string json5, double expected)
    {
        using var doc = JsonDocument.Parse(Json5Normalizer.ToJson(json5));
        Assert.Equal(expected, doc.RootElement.GetProperty("n").GetDouble());
    }

    [Fact]
    public void Infinity_and_NaN_become_null()
    {
        using var doc = JsonDocument.Parse(Json5Normalizer.ToJson("{a: Infinity, b: -Infinity, c: NaN}"));
        Assert.All(doc.RootElement.EnumerateObject(), p => Assert.Equal(JsonValueKind.Null, p.Value.ValueKind));
    }

    [Theory]
    [InlineData("{\n  a: 1,\n  b: oops\n}", "line 3")]
    [InlineData("{a: 'open", "unterminated string")]
    [InlineData("{a: 1 /* never closed", "unterminated")]
    [InlineData("{a: 1,, b: 2}", "two commas")]
    public void Errors_name_the_place(string json5, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => Json5Normalizer.ToJson(json5));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_json_is_unchanged_in_meaning()
    {
        const string json = """{"a":[1,2,{"b":"c\"d"}],"e":null,"f":false}""";
        Assert.Equal(json, Json5Normalizer.ToJson(json));
    }
}
