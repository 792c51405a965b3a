namespace Guard.Systemd;

/// <summary>A reply did not have the shape we expected; caught at the operation boundary and reported as Other.</summary>
internal sealed class SdBusProtocolException : Exception
{
    public SdBusProtocolException()
    {
    }

    public SdBusProtocolException(string message)
        : base(message)
    {
    }

    public SdBusProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static SdBusProtocolException FromErrno(string what, int result) =>
        new($"{what} failed: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(-result)}");
}
