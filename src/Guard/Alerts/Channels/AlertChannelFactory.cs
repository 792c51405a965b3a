using Guard.Alerts.Channels.OpenClaw;
using Guard.Configuration;
using Guard.Logging;
using Guard.OpenClaw.Cli;
using Guard.OpenClaw.Discovery;
using Microsoft.Extensions.Logging;

namespace Guard.Alerts.Channels;

/// <summary>
/// Builds each configured channel behind its rate limiter. Secrets are read from the environment here, once per
/// build; a channel whose variables are missing becomes an <see cref="UnavailableAlertChannel"/>. Rate-limiter
/// state survives a rebuild (configuration reload) while the channel's name and limits stay the same.
/// </summary>
public sealed class AlertChannelFactory : IAlertChannelFactory
{
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private readonly Func<string, string?> _getEnv;
    private readonly Func<OpenClawOptions> _openClaw;
    private readonly Func<string?> _gatewayDown;
    private readonly Dictionary<string, ChannelRateLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public AlertChannelFactory(
        IHttpClientFactory http, TimeProvider time, SecretRedactor redactor, ILoggerFactory loggers, Func<string, string?>? getEnvironmentVariable = null,
        Func<OpenClawOptions>? openClaw = null, Func<string?>? gatewayDown = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(loggers);
        _http = http;
        _time = time;
        _redactor = redactor;
        _logger = loggers.CreateLogger("Guard.Alerts.Channels");
        _getEnv = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        _openClaw = openClaw ?? (() => new OpenClawOptions());
        _gatewayDown = gatewayDown ?? (() => null);
    }

    public IReadOnlyList<IAlertChannel> Create(AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Channels.Select(c => Create(c, options.Channels)).ToList();
    }

    /// <summary>One channel behind its rate limiter; an OpenClaw channel finds its Fallback among <paramref name="all"/>.</summary>
    public IAlertChannel Create(AlertChannelOptions options, IReadOnlyList<AlertChannelOptions> all)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(all);
        return new RateLimitedAlertChannel(CreateUnlimited(options, all), LimiterFor(options), _logger);
    }

    /// <summary>One channel behind its rate limiter.</summary>
    public IAlertChannel Create(AlertChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(options, [options]);
    }

    /// <summary>One channel without Guard's rate limit (tests, and callers that limit themselves).</summary>
    public IAlertChannel CreateUnlimited(AlertChannelOptions options) => CreateUnlimited(options, [options]);

    /// <summary>As <see cref="CreateUnlimited(AlertChannelOptions)"/>; the Fallback (rate-limited itself) is looked up in <paramref name="all"/>.</summary>
    public IAlertChannel CreateUnlimited(AlertChannelOptions options, IReadOnlyList<AlertChannelOptions> all)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(all);
        var type = options.Type ?? AlertChannelType.Webhook;
        var (context, problem) = Resolve(options, type);
        if (problem is not null)
        {
            _logger.Misconfigured(options.Name, type, problem);
            return new UnavailableAlertChannel(options.Name, type, problem);
        }

        return type switch
        {
            AlertChannelType.Feishu => new FeishuChannel(context!),
            AlertChannelType.DingTalk => new DingTalkChannel(context!),
            AlertChannelType.WeCom => new WeComChannel(context!),
            AlertChannelType.Telegram => new TelegramChannel(context!),
            AlertChannelType.Command => new CommandChannel(context!),
            AlertChannelType.OpenClaw => CreateOpenClaw(context!, all),
            _ => new WebhookChannel(context!),
        };
    }

    private (AlertChannelContext? Context, string? Problem) Resolve(AlertChannelOptions options, AlertChannelType type)
    {
        var secret = Lookup(options.SecretEnv, out var secretProblem, "SecretEnv");
        var token = Lookup(options.TokenEnv, out var tokenProblem, "TokenEnv");
        var missing = secretProblem ?? tokenProblem;
        if (missing is not null)
        {
            return (null, missing);
        }

        Uri? url = null;
        if (type == AlertChannelType.OpenClaw && (string.IsNullOrWhiteSpace(options.Channel) || string.IsNullOrWhiteSpace(options.Target)))
        {
            return (null, "an OpenClaw channel needs Channel and Target");
        }

        if (type is not (AlertChannelType.Command or AlertChannelType.OpenClaw))
        {
            var text = options.Url;
            if (string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(options.UrlEnv))
            {
                text = Lookup(options.UrlEnv, out var urlProblem, "UrlEnv");
                if (urlProblem is not null)
                {
                    return (null, urlProblem);
                }
            }

            if (string.IsNullOrWhiteSpace(text) && type == AlertChannelType.Telegram)
            {
                text = TelegramChannel.DefaultApiBase;
            }

            if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                // The URL is a credential: name where it came from, never the value.
                return (null, $"the webhook URL ({(options.UrlEnv is null ? "Url" : "$" + options.UrlEnv)}) is missing or not an absolute http(s) URL");
            }

            if (type == AlertChannelType.Telegram && string.IsNullOrEmpty(token))
            {
                return (null, "a Telegram channel needs TokenEnv (the bot token)");
            }
        }

        var context = new AlertChannelContext
        {
            Options = options,
            Time = _time,
            Redactor = _redactor.With([secret, token, .. ConfiguredSecrets.UrlTokens(url?.OriginalString)]),
            Logger = _logger,
            Http = type is AlertChannelType.Command or AlertChannelType.OpenClaw ? null : _http.CreateClient(AlertHttpClient.Name),
            Url = url,
            Secret = secret,
            Token = token,
            Timeout = options.Timeout ?? (type is AlertChannelType.Command or AlertChannelType.OpenClaw ? AlertHttpClient.DefaultCommandTimeout : AlertHttpClient.DefaultTimeout),
        };
        return (context, null);
    }

    private OpenClawChannel CreateOpenClaw(AlertChannelContext context, IReadOnlyList<AlertChannelOptions> all)
    {
        var openClaw = _openClaw();
        var paths = OpenClawPaths.Resolve(openClaw, _getEnv);

        // The same home the rest of Guard reads: the CLI then finds the gateway port and token in that openclaw.json.
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OPENCLAW_CONFIG_PATH"] = paths.ConfigPath,
            ["OPENCLAW_STATE_DIR"] = paths.StateDirectory,
        };
        var fallbackOptions = string.IsNullOrEmpty(context.Options.Fallback)
            ? null
            : all.FirstOrDefault(c => string.Equals(c.Name, context.Options.Fallback, StringComparison.OrdinalIgnoreCase));

        // The validator refuses a missing or OpenClaw fallback; a hand-built list that slips through just has none.
        var fallback = fallbackOptions is null || fallbackOptions.Type == AlertChannelType.OpenClaw ? null : Create(fallbackOptions, all);
        return new OpenClawChannel(context, new OpenClawCli(openClaw, _time, _getEnv), environment, fallback, _gatewayDown);
    }

    private string? Lookup(string? variable, out string? problem, string key)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(variable))
        {
            return null;
        }

        var value = _getEnv(variable)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            problem = $"{key} names ${variable}, which is not set or empty";
            return null;
        }

        return value;
    }

    private ChannelRateLimiter LimiterFor(AlertChannelOptions options)
    {
        var rules = ChannelRateLimits.For(options);
        lock (_gate)
        {
            if (_limiters.TryGetValue(options.Name, out var existing) && existing.Rules.SequenceEqual(rules))
            {
                return existing;
            }

            // A replaced limiter may still be in use by a channel list being retired, so it is left to the GC.
            var limiter = new ChannelRateLimiter(rules, _time);
            _limiters[options.Name] = limiter;
            return limiter;
        }
    }
}
