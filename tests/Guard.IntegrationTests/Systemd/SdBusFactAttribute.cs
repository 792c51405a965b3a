namespace Guard.IntegrationTests.Systemd;

/// <summary>A fact that only needs libsystemd to be loadable (no manager).</summary>
public sealed class SdBusFactAttribute : FactAttribute
{
    public SdBusFactAttribute()
    {
        if (SystemdAvailability.LibrarySkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
