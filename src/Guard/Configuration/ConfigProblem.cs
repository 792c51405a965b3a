namespace Guard.Configuration;

/// <summary>One invalid configuration value: the key path, the value as configured, and what is wrong.</summary>
public sealed record ConfigProblem(string Path, string? Value, string Message)
{
    public override string ToString() =>
        Value is null ? $"{Path}: {Message}" : $"{Path} = '{Value}': {Message}";
}
