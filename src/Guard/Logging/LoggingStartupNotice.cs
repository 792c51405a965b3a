using Guard.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.Logging;

/// <summary>
/// First journal lines of <c>guard run</c>: where logs go and the chain being watched, so an operator
/// reading <c>journalctl -u guard</c> sees the setup without opening the config (values pass the redactor).
/// </summary>
internal sealed class LoggingStartupNotice : IHostedService
{
    private readonly GuardOptions _options;
    private readonly IReadOnlyList<ModelDefinition> _models;
    private readonly SecretRedactor _redactor;
    private readonly ConsoleLogFormat _consoleFormat;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly ILogger<LoggingStartupNotice> _logger;

    public LoggingStartupNotice(
        GuardOptions options,
        IReadOnlyList<ModelDefinition> models,
        SecretRedactor redactor,
        ConsoleLogFormat consoleFormat,
        Func<string, string?> getEnvironmentVariable,
        ILogger<LoggingStartupNotice> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _models = models;
        _redactor = redactor;
        _consoleFormat = consoleFormat;
        _getEnvironmentVariable = getEnvironmentVariable;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var logFile = _options.Logging.FileEnabled
            ? Path.Combine(GuardLogging.LogDirectory(_options.DataDirectory), GuardLogging.DatedFileNamePattern)
            : "disabled";
        Log.LoggingStarted(_logger, GuardVersion.Current, _consoleFormat.ToString(), logFile, _redactor.SecretCount);
        foreach (var model in _models)
        {
            var keyState = string.IsNullOrEmpty(_getEnvironmentVariable(model.ApiKeyEnv)) ? "NOT SET" : "set";
            Log.ChainModel(_logger, model.Id, model.Api, Guard.Configuration.UrlCredentials.Strip(model.BaseUrl) ?? "(none)", model.ApiKeyEnv, keyState);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
