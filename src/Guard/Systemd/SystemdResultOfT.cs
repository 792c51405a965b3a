using System.Diagnostics.CodeAnalysis;

namespace Guard.Systemd;

/// <summary>A value, or a <see cref="SystemdError"/>.</summary>
public sealed class SystemdResult<T> : SystemdResult
{
    private SystemdResult(T? value, SystemdError? error)
        : base(error) => Value = value;

    public T? Value { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool HasValue => IsSuccess;

    public static SystemdResult<T> Success(T value) => new(value, null);

    public static new SystemdResult<T> Failure(SystemdError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new SystemdResult<T>(default, error);
    }

    public override string ToString() => IsSuccess ? $"Success: {Value}" : base.ToString();
}
