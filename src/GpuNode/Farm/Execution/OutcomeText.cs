using System.Text.RegularExpressions;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>
/// Turns what a failed job left behind (stderr lines, an exception message) into a reason short enough for a sweep
/// status table: one line, the job log's timestamped lines and the CLI's verb prefix left out.
/// </summary>
public static partial class OutcomeText
{
    /// <summary>The most characters of a reason; longer ones end in "…" (the full text is in the attempt's log).</summary>
    public const int MaxLength = 300;

    static readonly string[] OutOfMemoryMarks = ["out of memory", "OutOfMemoryException", "std::bad_alloc"];

    /// <summary>Whether <paramref name="text"/> reports memory running out (CUDA's, libtorch's CPU allocator's, .NET's).</summary>
    public static bool MentionsOutOfMemory(string? text) =>
        text is not null && OutOfMemoryMarks.Any(mark => text.Contains(mark, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether a stderr line of <c>daft-node run-job</c> says something about an error: not a job-log line (those
    /// start with a UTC timestamp and are in job.log anyway) and not blank.
    /// </summary>
    public static bool IsErrorLine(string line) => !string.IsNullOrWhiteSpace(line) && !LogLine().IsMatch(line);

    /// <summary>One line of at most <see cref="MaxLength"/> characters: whitespace runs collapsed, "run-job: failed: " dropped.</summary>
    public static string Short(string text)
    {
        var line = Whitespace().Replace(text, " ").Trim();
        line = VerbPrefix().Replace(line, "");
        return line.Length <= MaxLength ? line : line[..(MaxLength - 1)].TrimEnd() + "…";
    }

    /// <summary>An exception message without the "FileNotFoundException: " its type name puts first in result.json.</summary>
    public static string WithoutExceptionType(string error) => ExceptionPrefix().Replace(error, "");

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z ")]
    private static partial Regex LogLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^run-job: (failed: )?")]
    private static partial Regex VerbPrefix();

    [GeneratedRegex(@"^[A-Za-z_.]*(Exception|Error): ")]
    private static partial Regex ExceptionPrefix();
}
