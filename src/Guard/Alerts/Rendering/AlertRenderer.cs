using System.Text;
using System.Text.RegularExpressions;
using Guard.Configuration;
using Guard.Logging;

namespace Guard.Alerts.Rendering;

/// <summary>
/// Turns a firing alert into the channel-independent <see cref="AlertMessage"/>: picks the template (configured
/// override or built-in), fills the placeholders and redacts secrets from everything the owner will read.
/// </summary>
public sealed partial class AlertRenderer(SecretRedactor redactor, IChainAdviceSource? advice = null)
{
    public AlertMessage Render(FiringAlert alert, AlertNotice notice, AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(options);
        var resolved = notice.Status == AlertStatus.Resolved;
        var kind = resolved ? RecoveredKind(alert.Kind) ?? alert.Kind : alert.Kind;
        var template = TemplateFor(kind, options);
        var title = template.Title;
        var text = template.Text;
        if (resolved && kind == alert.Kind)
        {
            title = AlertTemplateDefaults.ResolvedPrefix + title;
            text = AlertTemplateDefaults.ResolvedText;
        }
        else if (notice.Reminder)
        {
            title = AlertTemplateDefaults.ReminderPrefix + title;
        }

        var values = Values(alert, notice);
        values["chainAdvice"] = !resolved && kind is AlertEventKind.ChainDark or AlertEventKind.QuotaCritical ? advice?.Describe() ?? "" : "";
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = alert.Kind.ToString(),
            ["severity"] = alert.Severity.ToString(),
            ["fingerprint"] = redactor.Redact(alert.Fingerprint),
        };
        foreach (var (key, value) in alert.Labels)
        {
            labels[key] = redactor.Redact(value);
        }

        if (alert.Model is not null)
        {
            labels["model"] = alert.Model;
        }

        if (alert.FailureKind is not null)
        {
            labels["kind"] = alert.FailureKind;
        }

        return new AlertMessage
        {
            Id = notice.Id,
            Fingerprint = alert.Fingerprint,
            Kind = kind,
            Severity = alert.Severity,
            Status = notice.Status,
            Title = redactor.Redact(Fill(title, values).Replace('\n', ' ').Trim()),
            Text = redactor.Redact(Fill(text, values).Trim()),
            Labels = labels,
            StartsAt = alert.Since,
            EndsAt = resolved ? notice.At : null,
            IsTest = alert.Kind == AlertEventKind.Test,
        };
    }

    public static AlertTemplate TemplateFor(AlertEventKind kind, AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builtIn = AlertTemplateDefaults.For(kind);
        return options.Templates.TryGetValue(kind.ToString(), out var custom) && custom is not null
            ? new AlertTemplate(
                string.IsNullOrEmpty(custom.Title) ? builtIn.Title : custom.Title,
                string.IsNullOrEmpty(custom.Text) ? builtIn.Text : custom.Text.Replace("\\n", "\n", StringComparison.Ordinal))
            : builtIn;
    }

    /// <summary>Fills <c>{name}</c> placeholders line by line; a line whose known placeholders are all empty is dropped.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var output = new StringBuilder();
        foreach (var line in template.Split('\n'))
        {
            var known = Placeholder().Matches(line).Select(m => m.Groups[1].Value).Where(values.ContainsKey).ToList();
            if (known.Count > 0 && known.TrueForAll(name => string.IsNullOrEmpty(values[name])))
            {
                continue;
            }

            var filled = Placeholder().Replace(line, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
            output.Append(filled.TrimEnd()).Append('\n');
        }

        return output.ToString().TrimEnd('\n');
    }

    private static Dictionary<string, string> Values(FiringAlert alert, AlertNotice notice)
    {
        var resolved = notice.Status == AlertStatus.Resolved;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in alert.Labels)
        {
            values[key] = value;
        }

        values["model"] = alert.Model ?? "";
        values["kind"] = alert.FailureKind ?? "";
        values["event"] = alert.Kind.ToString();
        values["severity"] = alert.Severity.ToString();
        values["status"] = notice.Status.ToString();
        values["detail"] = alert.Detail ?? "";
        values["note"] = notice.Note ?? "";
        values["lines"] = string.Join('\n', alert.Lines);
        values["since"] = AlertFormat.Time(alert.Since);
        values["until"] = resolved ? AlertFormat.Time(notice.At) : "";
        values["lastFailure"] = AlertFormat.Time(alert.LastFailureAt);
        values["duration"] = AlertFormat.Duration(notice.At - alert.Since);
        values["retryAt"] = AlertFormat.Time(alert.RetryAt);
        values["id"] = notice.Id;
        values.TryAdd("unit", "");
        values.TryAdd("channel", "");
        return values;
    }

    private static AlertEventKind? RecoveredKind(AlertEventKind kind) => kind switch
    {
        AlertEventKind.ModelDown => AlertEventKind.ModelRecovered,
        AlertEventKind.ChainDark => AlertEventKind.ChainRecovered,
        _ => null,
    };

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
