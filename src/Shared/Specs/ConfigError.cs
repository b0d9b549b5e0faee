namespace Daft.Shared.Specs;

/// <summary>One problem in a config file (a job or a dataset), at a 1-based line and column (0, 0 when it concerns the whole file).</summary>
/// <param name="File">The file (or source name) the text came from.</param>
/// <param name="Line">1-based line; 0 = the whole file.</param>
/// <param name="Column">1-based column; 0 = the whole file.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ConfigError(string File, int Line, int Column, string Message)
{
    /// <summary>The compiler-style form <c>file:line:col: message</c> (or <c>file: message</c> for the whole file).</summary>
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}
