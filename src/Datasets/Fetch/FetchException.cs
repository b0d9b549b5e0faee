namespace Daft.Datasets.Fetch;

/// <summary>A fetch that cannot go on; the message says what failed and what the user can do.</summary>
public sealed class FetchException(string message, Exception? inner = null) : Exception(message, inner);
