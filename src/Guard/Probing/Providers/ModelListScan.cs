namespace Guard.Probing.Providers;

/// <summary>What a model-list body said about the configured model.</summary>
/// <param name="IsJson">False when the body was not JSON at all.</param>
/// <param name="HasError">The body carries an error object instead of a list.</param>
/// <param name="Found">The configured model id appeared.</param>
/// <param name="Complete">The whole list was read: not cut off, no further pages.</param>
/// <param name="Count">Models seen.</param>
/// <param name="HasList">A list (<c>data</c>, <c>models</c> or a bare array) was seen at all.</param>
internal readonly record struct ModelListScan(bool IsJson, bool HasError, bool Found, bool Complete, int Count, bool HasList = false);
