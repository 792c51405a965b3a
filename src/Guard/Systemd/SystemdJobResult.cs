namespace Guard.Systemd;

/// <summary>The result string of systemd's <c>JobRemoved</c> signal.</summary>
public enum SystemdJobResult
{
    /// <summary>A result string this version does not know (e.g. <c>invalid</c>, <c>unsupported</c>, <c>once</c>).</summary>
    Other,
    Done,
    Canceled,
    Timeout,
    Failed,
    Dependency,
    Skipped,
}
