namespace Guard.IntegrationTests.Systemd;

/// <summary>A fact that needs a private systemd user manager; skips with the reason when the machine cannot run one.</summary>
public sealed class SystemdFactAttribute : FactAttribute
{
    public SystemdFactAttribute()
    {
        if (SystemdAvailability.ManagerSkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
