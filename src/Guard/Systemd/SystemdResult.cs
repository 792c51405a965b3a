using System.Diagnostics.CodeAnalysis;

namespace Guard.Systemd;

/// <summary>Success, or a <see cref="SystemdError"/>; the value-less form of <see cref="SystemdResult{T}"/>.</summary>
public class SystemdResult
{
    private static readonly SystemdResult SuccessInstance = new(null);

    protected SystemdResult(SystemdError? error) => Error = error;

    public SystemdError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static SystemdResult Success() => SuccessInstance;

    public static SystemdResult Failure(SystemdError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new SystemdResult(error);
    }

    public override string ToString() => IsSuccess ? "Success" : Error.ToString();
}
