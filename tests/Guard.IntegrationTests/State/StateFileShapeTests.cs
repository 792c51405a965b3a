using System.Text.Json.Nodes;
using Guard.IntegrationTests.Infrastructure;
using Guard.IntegrationTests.Probing;

namespace Guard.IntegrationTests.State;

/// <summary>
/// Hand-edited state files with null or wrong-shaped sections, read by the real guard binary: <c>guard status</c> shows
/// defaults with one line per repaired section and never a stack trace; <c>guard run</c> repairs them once, keeps
/// running rounds and writes real sections back.
/// </summary>
public sealed class StateFileShapeTests : IAsyncLifetime
{
    private const string AllNull =
        """{"schema_version":1,"models":null,"chain":null,"restarts":null,"recovery":null,"gateway":null,"quota":null,"reorder":null}""";

    private const string WrongShapes =
        """{"schema_version":1,"models":[],"chain":"x","restarts":{},"recovery":5,"gateway":true,"quota":[1],"reorder":"no"}""";

    private const string BadEntries =
        """{"schema_version":1,"models":{"a/b":[1,2],"c/d":null},"restarts":[{"reason":5},null],"recovery":{"manual_intervention_needed":"many"}}""";

    private readonly TempDirectory _home = new();
    private ScriptedProviderServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedProviderServer.StartAsync();
        var overloaded = ScriptedResponse.Json(503, """{"error":{"message":"Overloaded","type":"server_error"}}""");
        _server.On("GET", "/openai/v1/models", overloaded).On("POST", "/openai/v1/chat/completions", overloaded);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    public static TheoryData<string, string[]> Shapes() => new()
    {
        { AllNull, ["\"recovery\"", "\"models\"", "\"restarts\"", "\"quota\""] },
        { WrongShapes, ["\"recovery\" has the wrong shape", "\"models\" has the wrong shape", "\"restarts\" has the wrong shape"] },
        { BadEntries, ["\"models\" entry \"a/b\"", "\"restarts\" record 0", "\"recovery\""] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Status_shows_defaults_names_each_repaired_section_and_never_a_stack_trace(string content, string[] named)
    {
        var (config, options) = Configure();
        File.WriteAllText(StatePath, content);

        var result = await GuardProcess.RunAsync(["status", "--config", config], options);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var section in named)
        {
            Assert.Contains(section, result.StandardError, StringComparison.Ordinal);
        }

        AssertNoStackTrace(result.StandardOutput + result.StandardError);
        Assert.Equal(content, File.ReadAllText(StatePath)); // status only looks
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("{\"schema_version\":1,\"models\":")]
    public async Task Status_on_a_file_that_is_no_state_object_says_so_in_one_line(string content)
    {
        var (config, options) = Configure();
        File.WriteAllText(StatePath, content);

        var result = await GuardProcess.RunAsync(["status", "--config", config], options);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(StatePath, result.StandardError, StringComparison.Ordinal);
        AssertNoStackTrace(result.StandardOutput + result.StandardError);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Run_repairs_once_keeps_probing_and_writes_real_sections_back(string content, string[] named)
    {
        var (config, options) = Configure();
        File.WriteAllText(StatePath, content);

        await using (var guard = GuardProcess.Start(["run", "--config", config], options))
        {
            // Two completed rounds after start-up: the state file then carries a probed model and a last check.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!Probed() && DateTime.UtcNow < deadline && !guard.HasExited)
            {
                await Task.Delay(250);
            }

            Assert.True(Probed(), $"no round reached the state file; guard output:\n{guard.StandardError}");
            guard.Terminate();
            var result = await guard.WaitForExitAsync();
            Assert.True(result.ExitCode == 0, result.ToString());
            AssertNoStackTrace(result.StandardOutput + result.StandardError);
            Assert.DoesNotContain("NullReferenceException", result.StandardError, StringComparison.Ordinal);
            Assert.Contains(named[0], result.StandardError, StringComparison.Ordinal);
        }

        var state = JsonNode.Parse(File.ReadAllText(StatePath))!.AsObject();
        foreach (var section in new[] { "models", "chain", "recovery", "gateway", "quota", "reorder" })
        {
            Assert.True(state[section] is JsonObject, $"\"{section}\" was not written back as an object: {state}");
        }

        Assert.True(state["restarts"] is JsonArray, state.ToJsonString());
        Assert.Empty(Directory.GetFiles(DataDirectory, "*.corrupt*"));
    }

    private string DataDirectory => _home.Combine("data");

    private string StatePath => Path.Combine(DataDirectory, ".api_health_state.json");

    private bool Probed()
    {
        try
        {
            var state = JsonNode.Parse(File.ReadAllText(StatePath)) as JsonObject;
            return state?["models"] is JsonObject models && models.ContainsKey("openai/gpt-4o-mini")
                && state["last_check"] is not null;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private (string ConfigPath, GuardProcessOptions Options) Configure()
    {
        Directory.CreateDirectory(DataDirectory);
        var config = $$"""
            {
              "Guard": {
                "DataDirectory": "{{DataDirectory}}",
                "Probe": { "Schedule": "*/2 * * * * *", "Timeout": "00:00:02", "FallbackDelay": "00:00:00" },
                "Recovery": { "Enabled": false },
                "OpenClaw": { "Discover": false, "HealthUrl": "" },
                "Models": [
                  { "Id": "openai/gpt-4o-mini", "BaseUrl": "{{_server.BaseUrl}}/openai/v1", "ApiKeyEnv": "SHAPE_OPENAI_KEY" }
                ]
              }
            }
            """;
        var path = _home.WriteFile("shape.json", config);
        var options = new GuardProcessOptions { Timeout = TimeSpan.FromSeconds(90) };
        options.Environment["HOME"] = _home.Path;
        options.Environment["XDG_CONFIG_HOME"] = _home.Combine("xdg");
        options.Environment["SHAPE_OPENAI_KEY"] = "shape-openai-key-1234567";
        return (path, options);
    }
}
