using Microsoft.Extensions.Options;

namespace Guard.Configuration;

/// <summary>Source-generated; run per budget because dictionary values are not walked by the root validator.</summary>
[OptionsValidator]
public sealed partial class QuotaBudgetOptionsValidator : IValidateOptions<QuotaBudgetOptions>;
