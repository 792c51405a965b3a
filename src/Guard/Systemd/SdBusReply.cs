namespace Guard.Systemd;

/// <summary>Owns a reply message and unrefs it on dispose.</summary>
internal sealed class SdBusReply : IDisposable
{
    private nint _handle;

    internal SdBusReply(nint handle) => _handle = handle;

    internal SdBusMessage Message => new(_handle);

    public void Dispose()
    {
        if (_handle != 0)
        {
            SdBusNative.sd_bus_message_unref(_handle);
            _handle = 0;
        }
    }
}
