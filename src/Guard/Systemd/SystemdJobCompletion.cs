namespace Guard.Systemd;

/// <summary>A finished systemd job, from the manager's <c>JobRemoved</c> signal.</summary>
/// <param name="JobId">The job's numeric id.</param>
/// <param name="JobPath">The job's object path.</param>
/// <param name="Unit">The unit the job was for.</param>
/// <param name="Result">The parsed result.</param>
/// <param name="RawResult">The result string as systemd sent it.</param>
public sealed record SystemdJobCompletion(uint JobId, string JobPath, string Unit, SystemdJobResult Result, string RawResult)
{
    public bool Succeeded => Result == SystemdJobResult.Done;

    internal static SystemdJobResult Parse(string raw) => raw switch
    {
        "done" => SystemdJobResult.Done,
        "canceled" => SystemdJobResult.Canceled,
        "timeout" => SystemdJobResult.Timeout,
        "failed" => SystemdJobResult.Failed,
        "dependency" => SystemdJobResult.Dependency,
        "skipped" => SystemdJobResult.Skipped,
        _ => SystemdJobResult.Other,
    };
}
