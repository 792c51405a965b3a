using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// A throwaway OpenClaw home (<c>HOME=&lt;tmp&gt;</c>, everything in <c>$HOME/.openclaw</c>) set up the way a user would:
/// with OpenClaw's own CLI — <c>onboard --non-interactive</c>, <c>config set</c>, <c>models fallbacks add</c>,
/// <c>models auth paste-api-key</c> — a chain of four models on <see cref="ScriptedModelProviders"/>, each key held in
/// a different shape the release supports. The gateway logs to a file of this home (<c>logging.file</c>) and listens on
/// a free port (<c>gateway.port</c>), so homes never share anything.
/// </summary>
public sealed class OpenClawTestHome : IDisposable
{
    public const string GatewayToken = "guard-test-gateway-token-5e1f";

    /// <summary>Loopback providers get no idle watchdog by default (agent-loop.md); 10 s makes a hang show quickly, as a cloud one would.</summary>
    public const int ProviderTimeoutSeconds = 10;

    /// <summary>The seed's era has no provider timeout: a whole run is bounded by <c>agents.defaults.timeoutSeconds</c>.</summary>
    public const int RunTimeoutSeconds = 30;

    private static readonly TimeSpan CliLimit = TimeSpan.FromMinutes(2);

    private OpenClawTestHome(OpenClawInstallation installation, IReadOnlyList<ChainModel> chain, string root, int gatewayPort)
    {
        Installation = installation;
        Chain = chain;
        Root = root;
        GatewayPort = gatewayPort;
    }

    public OpenClawInstallation Installation { get; }

    public OpenClawRelease Release => Installation.Release;

    public IReadOnlyList<ChainModel> Chain { get; }

    /// <summary>HOME of every OpenClaw process (and of Guard, in the tests that let Guard discover it).</summary>
    public string Root { get; }

    public string StateDirectory => Path.Join(Root, ".openclaw");

    public string ConfigPath => Path.Join(StateDirectory, "openclaw.json");

    public string AgentDirectory => Path.Join(StateDirectory, "agents", "main", "agent");

    public string SessionsDirectory => Path.Join(StateDirectory, "agents", "main", "sessions");

    public string LogFile => Path.Join(Root, "openclaw-logs", "openclaw.log");

    public int GatewayPort { get; }

    public string HealthUrl => $"http://127.0.0.1:{GatewayPort}/healthz";

    /// <summary>The chain the way OpenClaw names it: primary first.</summary>
    public IReadOnlyList<string> ChainIds => [.. Chain.Select(m => m.Id)];

    /// <summary>Every key of the chain: none may appear in anything Guard prints or writes.</summary>
    public IReadOnlyList<string> Keys => [.. Chain.Select(m => m.Key)];

    /// <summary>The four models and key shapes each era's CLI can set up.</summary>
    public static IReadOnlyList<ChainModel> ChainFor(OpenClawRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return release.Era == OpenClawEra.SqliteStores
            ?
            [
                new("p1", "m1", "sk-guardtest-p1-secretref-7d1c90a2", KeyShape.SecretRefEnv),
                new("p2", "m2", "sk-guardtest-p2-inline-3fa81be0", KeyShape.Inline),
                new("p3", "m3", "sk-guardtest-p3-envvars-c02d6e55", KeyShape.EnvReferenceConfigVars),
                new("p4", "m4", "sk-guardtest-p4-sqliteprofile-91b7", KeyShape.ProfileMarkerSqlite),
            ]
            :
            [
                new("p1", "m1", "sk-guardtest-p1-inline-5b2e41f7", KeyShape.Inline),
                new("p2", "m2", "sk-guardtest-p2-dotenv-a9c3d018", KeyShape.EnvReferenceDotEnv),
                new("p3", "m3", "sk-guardtest-p3-envvars-64e0fb2c", KeyShape.EnvReferenceConfigVars),
                new("moonshot", "kimi-k2.5", "sk-guardtest-moonshot-profile-0e7a", KeyShape.AuthProfileJson),
            ];
    }

    public static async Task<OpenClawTestHome> CreateAsync(OpenClawInstallation installation, ScriptedModelProviders providers)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(providers);
        var root = Directory.CreateTempSubdirectory($"guard-openclaw-{installation.Release.Version}-").FullName;
        var home = new OpenClawTestHome(installation, ChainFor(installation.Release), root, FreePortRange(10));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(home.LogFile)!);
            if (installation.Release.Era == OpenClawEra.SqliteStores)
            {
                await home.SetUpSqliteEraAsync(providers);
            }
            else
            {
                await home.SetUpJsonEraAsync(providers);
            }

            foreach (var model in home.Chain.Skip(1))
            {
                (await home.CliAsync(["models", "fallbacks", "add", model.Id])).Ensure($"openclaw models fallbacks add {model.Id}");
            }

            return home;
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    /// <summary>What every OpenClaw process of this home runs with: no variable of the test runner's own.</summary>
    public Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = Root,
            ["PATH"] = Installation.SearchPath,
            ["LANG"] = "C.UTF-8",
            ["TMPDIR"] = Path.GetTempPath(),
            ["OPENCLAW_DISABLE_BONJOUR"] = "1", // no mDNS on a test machine
            ["NO_COLOR"] = "1",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }

    public Task<ToolRun> CliAsync(IEnumerable<string> arguments, string? standardInput = null, IReadOnlyDictionary<string, string>? extraEnvironment = null,
        TimeSpan? timeout = null, bool throwOnTimeout = true) =>
        ToolRun.RunAsync(Installation.OpenClaw, arguments, Environment(extraEnvironment), timeout ?? CliLimit, standardInput, Root, throwOnTimeout);

    /// <summary>openclaw.json as it is now (the CLI writes plain JSON).</summary>
    public JsonObject ReadConfig() => JsonNode.Parse(File.ReadAllText(ConfigPath))!.AsObject();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A gateway still shutting down may hold a file; temp is cleaned eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    /// <summary>2026.9.x: p1 by onboarding with a SecretRef, p2 inline, p3 <c>${VAR}</c> from env.vars, p4 a profile in SQLite.</summary>
    private async Task SetUpSqliteEraAsync(ScriptedModelProviders providers)
    {
        var p1 = Chain[0];
        (await CliAsync(
            [
                "onboard", "--non-interactive", "--accept-risk", "--skip-health", "--no-install-daemon", "--skip-channels",
                "--skip-skills", "--skip-search", "--skip-ui", "--skip-hooks", "--auth-choice", "custom-api-key",
                "--custom-provider-id", p1.Provider, "--custom-base-url", providers.ProviderUrl(p1.Provider), "--custom-model-id", p1.Model,
                "--custom-compatibility", "openai", "--custom-text-input", "--secret-input-mode", "ref",
                "--gateway-auth", "token", "--gateway-token", GatewayToken, "--gateway-port", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ],
            extraEnvironment: new Dictionary<string, string> { ["CUSTOM_API_KEY"] = p1.Key })).Ensure("openclaw onboard");
        // The SecretRef names CUSTOM_API_KEY; the gateway (and Guard) find it in ~/.openclaw/.env.
        await File.WriteAllTextAsync(Path.Join(StateDirectory, ".env"), $"CUSTOM_API_KEY={p1.Key}\n");

        var p2 = Chain[1];
        var p3 = Chain[2];
        var p4 = Chain[3];
        var batch = new JsonArray
        {
            Set($"models.providers.{p1.Provider}.timeoutSeconds", ProviderTimeoutSeconds),
            Set($"models.providers.{p2.Provider}", Provider(providers, p2, p2.Key)),
            Set($"models.providers.{p3.Provider}", Provider(providers, p3, "${P3_API_KEY}")),
            Set("env.vars.P3_API_KEY", p3.Key),
            Set($"models.providers.{p4.Provider}", Provider(providers, p4, apiKey: null)),
            Set("logging.file", LogFile),
            Set("discovery.mdns.mode", "off"),
        };
        (await CliAsync(["config", "set", "--batch-json", batch.ToJsonString()])).Ensure("openclaw config set --batch-json");
        // Writes the key into state/openclaw.sqlite (authProfiles.store) and "p4:manual" into the provider's apiKey.
        (await CliAsync(["models", "auth", "paste-api-key", "--provider", p4.Provider], standardInput: p4.Key + "\n")).Ensure("openclaw models auth paste-api-key");
    }

    /// <summary>
    /// 2026.2.x: moonshot by onboarding (its key lands in auth-profiles.json), then p1 by onboarding inline, p2
    /// <c>${VAR}</c> from ~/.openclaw/.env, p3 <c>${VAR}</c> from env.vars. This CLI has no batch set.
    /// </summary>
    private async Task SetUpJsonEraAsync(ScriptedModelProviders providers)
    {
        var p1 = Chain[0];
        var p2 = Chain[1];
        var p3 = Chain[2];
        var moonshot = Chain[3];
        string[] common = ["onboard", "--non-interactive", "--accept-risk", "--skip-health", "--no-install-daemon", "--skip-channels", "--skip-skills", "--skip-ui"];
        (await CliAsync([.. common, "--auth-choice", "moonshot-api-key", "--moonshot-api-key", moonshot.Key])).Ensure("openclaw onboard (moonshot)");
        (await CliAsync(
            [
                .. common, "--auth-choice", "custom-api-key", "--custom-provider-id", p1.Provider, "--custom-base-url", providers.ProviderUrl(p1.Provider),
                "--custom-model-id", p1.Model, "--custom-compatibility", "openai", "--custom-api-key", p1.Key,
                "--gateway-auth", "token", "--gateway-token", GatewayToken, "--gateway-port", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ])).Ensure("openclaw onboard (custom)");
        await File.AppendAllTextAsync(Path.Join(StateDirectory, ".env"), $"P2_API_KEY={p2.Key}\n");

        var sets = new List<(string Path, JsonNode Value)>
        {
            // Onboarding writes a 4096-token window, which this release then refuses to run (minimum 16000).
            ($"models.providers.{p1.Provider}", Provider(providers, p1, p1.Key, providerTimeout: false)),
            ($"models.providers.{p2.Provider}", Provider(providers, p2, "${P2_API_KEY}", providerTimeout: false)),
            ("env.vars.P3_API_KEY", JsonValue.Create(p3.Key)), // before the reference: each set validates the whole config
            ($"models.providers.{p3.Provider}", Provider(providers, p3, "${P3_API_KEY}", providerTimeout: false)),
            ($"models.providers.{moonshot.Provider}.baseUrl", JsonValue.Create(providers.ProviderUrl(moonshot.Provider))),
            // No per-provider timeout in this release; the run timeout bounds a hang instead.
            ("agents.defaults.timeoutSeconds", JsonValue.Create(RunTimeoutSeconds)),
            ("logging.file", JsonValue.Create(LogFile)),
        };
        foreach (var (path, value) in sets)
        {
            (await CliAsync(["config", "set", path, value.ToJsonString(), "--json"])).Ensure($"openclaw config set {path}");
        }
    }

    private static JsonObject Set(string path, JsonNode? value) => new() { ["path"] = path, ["value"] = value };

    private static JsonObject Provider(ScriptedModelProviders providers, ChainModel model, string? apiKey, bool providerTimeout = true)
    {
        var provider = new JsonObject
        {
            ["baseUrl"] = providers.ProviderUrl(model.Provider),
            ["api"] = "openai-completions",
            ["models"] = new JsonArray
            {
                new JsonObject
                {
                    ["id"] = model.Model,
                    ["name"] = model.Model,
                    ["contextWindow"] = 128000,
                    ["maxTokens"] = 4096,
                    ["input"] = new JsonArray { "text" },
                },
            },
        };
        if (apiKey is not null)
        {
            provider["apiKey"] = apiKey;
        }

        if (providerTimeout)
        {
            provider["timeoutSeconds"] = ProviderTimeoutSeconds;
        }

        return provider;
    }

    /// <summary>A port with <paramref name="span"/> free ports from it on: the gateway opens a few beside its own.</summary>
    private static int FreePortRange(int span)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = Random.Shared.Next(20000, 60000);
            if (Enumerable.Range(first, span).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException("no free range of loopback ports for a gateway");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>For failure messages: the config without keys.</summary>
    public override string ToString()
    {
        var text = File.Exists(ConfigPath) ? File.ReadAllText(ConfigPath) : "(no openclaw.json)";
        foreach (var key in Keys)
        {
            text = text.Replace(key, "***", StringComparison.Ordinal);
        }

        return $"OpenClaw {Release.Version} home {Root}:\n{text}";
    }
}
