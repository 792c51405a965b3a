using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Guard.Configuration;

/// <summary>
/// A trim-safe range check for <see cref="TimeSpan"/> values (the built-in <c>Range(typeof(TimeSpan), …)</c>
/// needs reflection that Native AOT cannot keep).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    public TimeSpanRangeAttribute(string minimum, string maximum)
    {
        Minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        Maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    public TimeSpan Minimum { get; }

    public TimeSpan Maximum { get; }

    public override bool IsValid(object? value) =>
        value is null || (value is TimeSpan span && span >= Minimum && span <= Maximum);

    public override string FormatErrorMessage(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"The field {name} must be between {Minimum:c} and {Maximum:c}");
}
