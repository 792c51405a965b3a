namespace Guard.Alerts.Rendering;

/// <summary>A title and a text with <c>{placeholder}</c>s (see docs/alerts.md for the list).</summary>
public sealed record AlertTemplate(string Title, string Text);
