using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Guard.Configuration;

/// <summary>The <c>Guard</c> configuration section. Defaults live on the properties; docs/configuration.md documents each key.</summary>
public sealed class GuardOptions
{
    public const string SectionName = "Guard";

    /// <summary>Where state, alert file, outbox and logs go. <c>~</c> and <c>$VAR</c> are expanded.</summary>
    [Required]
    public string DataDirectory { get; set; } = "~/.openclaw/workspace";

    [ValidateObjectMembers]
    public ProbeOptions Probe { get; set; } = new();

    [ValidateEnumeratedItems]
    public List<ModelOptions> Models { get; set; } = [];

    [ValidateObjectMembers]
    public OpenClawOptions OpenClaw { get; set; } = new();

    [ValidateObjectMembers]
    public RecoveryOptions Recovery { get; set; } = new();

    [ValidateObjectMembers]
    public QuotaOptions Quota { get; set; } = new();

    [ValidateObjectMembers]
    public AlertsOptions Alerts { get; set; } = new();

    [ValidateObjectMembers]
    public GuardLoggingOptions Logging { get; set; } = new();

    [ValidateObjectMembers]
    public MetricsOptions Metrics { get; set; } = new();
}
