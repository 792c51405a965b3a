using Microsoft.Extensions.Options;

namespace Guard.Configuration;

/// <summary>Source-generated from the DataAnnotations on the options classes.</summary>
[OptionsValidator]
public sealed partial class GuardOptionsValidator : IValidateOptions<GuardOptions>;
