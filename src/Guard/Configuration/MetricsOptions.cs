using System.ComponentModel.DataAnnotations;

namespace Guard.Configuration;

/// <summary><c>Guard:Metrics</c>: the opt-in Prometheus endpoint, bound to 127.0.0.1 only.</summary>
public sealed class MetricsOptions
{
    public bool Enabled { get; set; }

    /// <summary>Port of <c>http://127.0.0.1:PORT/metrics</c>; 9464 is the Prometheus exporter convention.</summary>
    [Range(1024, 65535)]
    public int Port { get; set; } = 9464;
}
