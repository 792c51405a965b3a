namespace Guard.Configuration;

/// <summary>
/// One entry of <c>Guard:Alerts:Templates:&lt;EventKind&gt;</c>. Unset parts keep the built-in (Chinese with English
/// keys) text. Placeholders such as <c>{model}</c> are listed in docs/alerts.md.
/// </summary>
public sealed class AlertTemplateOptions
{
    public string? Title { get; set; }

    public string? Text { get; set; }
}
