using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Guard.Configuration;

/// <summary>
/// Binds the <c>Guard</c> section, validates it, expands paths, and reports every problem with its key path.
/// Used by every command before anything touches the data directory.
/// </summary>
public static partial class GuardOptionsLoader
{
    /// <param name="configuration">The layered configuration.</param>
    /// <param name="getEnv">
    /// Set by the commands that send alerts (and by live reload): then a channel's SecretEnv/UrlEnv/TokenEnv must
    /// name a set variable. Unset for status, probe and quota, which never send.
    /// </param>
    public static GuardOptionsLoadResult Load(IConfiguration configuration, Func<string, string?>? getEnv = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(GuardOptions.SectionName);

        // A wrong shape makes the binder skip values silently, so nothing after it would be meaningful.
        var problems = ConfigShape.Check(configuration).ToList();
        if (problems.Count > 0)
        {
            return new(null, Distinct(problems));
        }

        // Bind each object on its own so one bad value does not hide the others.
        TryBind(configuration, section, () => new GuardOptionsRoot(), problems);
        TryBind(configuration, section.GetSection("Probe"), () => new ProbeOptions(), problems);
        TryBind(configuration, section.GetSection("OpenClaw"), () => new OpenClawOptions(), problems);
        TryBind(configuration, section.GetSection("Recovery"), () => new RecoveryOptions(), problems);
        TryBind(configuration, section.GetSection("Logging"), () => new GuardLoggingOptions(), problems);
        TryBind(configuration, section.GetSection("Quota"), () => new QuotaOptions(), problems);
        TryBind(configuration, section.GetSection("Alerts"), () => new AlertsOptions(), problems);
        TryBind(configuration, section.GetSection("Metrics"), () => new MetricsOptions(), problems);
        foreach (var child in section.GetSection("Models").GetChildren())
        {
            TryBind(configuration, child, () => new ModelOptions(), problems);
        }

        foreach (var child in section.GetSection("Quota:Budgets").GetChildren())
        {
            TryBind(configuration, child, () => new QuotaBudgetOptions(), problems);
        }

        foreach (var child in section.GetSection("Alerts:Channels").GetChildren())
        {
            TryBind(configuration, child, () => new AlertChannelOptions(), problems);
        }

        if (problems.Count > 0)
        {
            return new(null, Distinct(problems));
        }

        var options = new GuardOptions();
        section.Bind(options);
        ReplaceDefaultLists(section, options);
        Validate(configuration, options, problems);
        if (problems.Count > 0)
        {
            return new(null, Distinct(problems));
        }

        ExpandPaths(options);
        if (File.Exists(options.DataDirectory))
        {
            problems.Add(new($"{GuardOptions.SectionName}:DataDirectory", options.DataDirectory, "is an existing file, not a directory"));
        }

        if (getEnv is not null)
        {
            problems.AddRange(ChannelEnvironmentChecks.Check(options, getEnv));
        }

        return problems.Count > 0 ? new(null, Distinct(problems)) : new(options, []);
    }

    /// <summary>Runs both validators and turns their failures into key-path problems.</summary>
    internal static void Validate(IConfiguration configuration, GuardOptions options, List<ConfigProblem> problems)
    {
        var annotations = new GuardOptionsValidator().Validate(GuardOptions.SectionName, options);
        if (annotations.Failed)
        {
            foreach (var failure in annotations.Failures ?? [])
            {
                problems.Add(FromAnnotationFailure(configuration, failure));
            }
        }

        foreach (var (modelId, budget) in options.Quota.Budgets)
        {
            var result = new QuotaBudgetOptionsValidator().Validate($"{GuardOptions.SectionName}.Quota.Budgets[{modelId}]", budget);
            foreach (var failure in result.Failed ? result.Failures ?? [] : [])
            {
                problems.Add(FromAnnotationFailure(configuration, failure));
            }
        }

        problems.AddRange(GuardOptionsCrossFieldValidator.Check(options));
    }

    /// <summary>
    /// The binder appends configured items to a list that already holds defaults, so <c>"Tiers": ["Reach"]</c>
    /// would come out as Reach, Deep, Reach. A configured list replaces the default instead.
    /// </summary>
    public static void ReplaceDefaultLists(IConfigurationSection guardSection, GuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(guardSection);
        ArgumentNullException.ThrowIfNull(options);
        var models = guardSection.GetSection("Models").GetChildren().ToList();
        if (models.Count != options.Models.Count)
        {
            return;
        }

        for (var i = 0; i < models.Count; i++)
        {
            // An explicit empty array is a key with no children; it must stay empty so validation can reject it.
            if (models[i].GetChildren().Any(c => string.Equals(c.Key, nameof(ModelOptions.Tiers), StringComparison.OrdinalIgnoreCase)))
            {
                options.Models[i].Tiers = models[i].GetSection(nameof(ModelOptions.Tiers)).Get<List<ProbeTier>>() ?? [];
            }
        }
    }

    public static void ExpandPaths(GuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DataDirectory = PathExpander.Expand(options.DataDirectory);
        options.OpenClaw.ConfigPath = PathExpander.Expand(options.OpenClaw.ConfigPath);
        options.OpenClaw.LogDirectory = PathExpander.Expand(options.OpenClaw.LogDirectory);
        options.OpenClaw.AgentsDirectory = PathExpander.Expand(options.OpenClaw.AgentsDirectory);
    }

    /// <summary>Binds leniently to find bad values, then strictly to find unknown keys (the strict pass stops at the first).</summary>
    private static void TryBind(IConfiguration configuration, IConfigurationSection section, Func<object> create, List<ConfigProblem> problems)
    {
        foreach (var strict in (bool[])[false, true])
        {
            try
            {
                Bind(section, create(), strict);
            }
            catch (InvalidOperationException ex)
            {
                var found = FromBinderError(configuration, section.Path, ex).ToList();
                if (!strict || found.TrueForAll(p => p.Message.StartsWith("unknown key", StringComparison.Ordinal)))
                {
                    problems.AddRange(found);
                }
            }
        }
    }

    private static void Bind(IConfigurationSection section, object target, bool strict)
    {
        Action<BinderOptions> configure = strict ? Strict : static _ => { };
        switch (target)
        {
            case GuardOptionsRoot root: section.Bind(root, configure); break;
            case ProbeOptions probe: section.Bind(probe, configure); break;
            case OpenClawOptions openClaw: section.Bind(openClaw, configure); break;
            case RecoveryOptions recovery: section.Bind(recovery, configure); break;
            case GuardLoggingOptions logging: section.Bind(logging, configure); break;
            case QuotaOptions quota: section.Bind(quota, configure); break;
            case AlertsOptions alerts: section.Bind(alerts, configure); break;
            case MetricsOptions metrics: section.Bind(metrics, configure); break;
            case ModelOptions model: section.Bind(model, configure); break;
            case QuotaBudgetOptions budget: section.Bind(budget, configure); break;
            case AlertChannelOptions channel: section.Bind(channel, configure); break;
            default: throw new ArgumentException("unsupported options type", nameof(target));
        }
    }

    private static void Strict(BinderOptions binder) => binder.ErrorOnUnknownConfiguration = true;

    internal static IEnumerable<ConfigProblem> FromBinderError(IConfiguration configuration, string sectionPath, InvalidOperationException ex)
    {
        var convert = ConvertFailure().Match(ex.Message);
        if (convert.Success)
        {
            var path = convert.Groups["path"].Value;
            yield return new(path, configuration[path], DescribeType(convert.Groups["type"].Value));
            yield break;
        }

        var unknown = UnknownKeys().Match(ex.Message);
        if (unknown.Success)
        {
            foreach (Match name in QuotedName().Matches(unknown.Groups["names"].Value))
            {
                yield return new($"{sectionPath}:{name.Groups[1].Value}", null, "unknown key (check the spelling against the configuration reference, docs/configuration.md)");
            }

            yield break;
        }

        yield return new(sectionPath, null, ex.Message);
    }

    internal static ConfigProblem FromAnnotationFailure(IConfiguration configuration, string failure)
    {
        // The generated validator names members "Guard.Probe.Timeout" or "Guard.Models[0].Id".
        var match = AnnotatedMember().Match(failure);
        if (!match.Success)
        {
            return new(GuardOptions.SectionName, null, failure);
        }

        var dotted = match.Groups["member"].Value;
        var path = ToKeyPath(dotted);
        var message = match.Groups["message"].Value.Trim().TrimEnd('.');
        if (message.StartsWith("field ", StringComparison.Ordinal))
        {
            message = message["field ".Length..];
        }

        message = message.Replace($"The field {dotted} ", "", StringComparison.Ordinal)
            .Replace($"The {dotted} field ", "", StringComparison.Ordinal);
        var value = path.EndsWith("Url", StringComparison.Ordinal) ? null : configuration[path];
        return new(path, value, message);
    }

    /// <summary><c>Guard.Quota.Budgets[zhipu/glm-4.7].Window</c> → <c>Guard:Quota:Budgets:zhipu/glm-4.7:Window</c>; dots inside brackets are part of the key.</summary>
    internal static string ToKeyPath(string member)
    {
        var path = new System.Text.StringBuilder(member.Length);
        var inBracket = false;
        foreach (var c in member)
        {
            switch (c)
            {
                case '[' when !inBracket: inBracket = true; path.Append(':'); break;
                case ']' when inBracket: inBracket = false; break;
                case '.' when !inBracket: path.Append(':'); break;
                default: path.Append(c); break;
            }
        }

        return path.ToString();
    }

    private static string DescribeType(string typeName) => typeName switch
    {
        "System.TimeSpan" => "must be a time span such as 00:00:15 (hh:mm:ss) or 1.00:00:00 (d.hh:mm:ss)",
        "System.Int32" or "System.Int64" => "must be a whole number",
        "System.Boolean" => "must be true or false",
        var t when t.EndsWith("ProbeTier", StringComparison.Ordinal) => "must be Reach or Deep",
        var t when t.EndsWith("BusKind", StringComparison.Ordinal) => "must be User or System",
        var t when t.EndsWith("AlertChannelType", StringComparison.Ordinal) => "must be one of Feishu, DingTalk, WeCom, Telegram, Webhook, Command",
        var t when t.EndsWith("AlertMessageFormat", StringComparison.Ordinal) => "must be Card, Markdown or Text",
        var t when t.EndsWith("ConsoleLogFormat", StringComparison.Ordinal) => "must be Auto, Journal or Plain",
        var t when t.EndsWith("LogLevel", StringComparison.Ordinal) => "must be Trace, Debug, Information, Warning, Error, Critical or None",
        _ => $"cannot be read as {typeName}",
    };

    private static List<ConfigProblem> Distinct(List<ConfigProblem> problems) =>
        problems.DistinctBy(p => (p.Path, p.Message)).ToList();

    [GeneratedRegex("configuration value (?:'(?<value>.*?)' )?at '(?<path>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConvertFailure();

    [GeneratedRegex("were not found on the instance of [^:]+: (?<names>.+)$")]
    private static partial Regex UnknownKeys();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"(?<member>Guard(?:\.[A-Za-z]+(?:\[[^\]]+\])?)+)\b(?:.*?with the error: ')?(?<message>.*?)'?\.?$")]
    private static partial Regex AnnotatedMember();
}
