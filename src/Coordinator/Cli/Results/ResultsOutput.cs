using System.CommandLine;

namespace Daft.Coordinator.Cli.Results;

/// <summary>Where the results verbs write: stdout, or the file of <c>--out</c>.</summary>
internal static class ResultsOutput
{
    /// <summary>Runs <paramref name="write"/> on stdout, or on <paramref name="path"/> (folders created) and says where it went.</summary>
    public static int Write(ParseResult parse, string? path, Action<TextWriter> write)
    {
        if (path is null)
        {
            write(parse.InvocationConfiguration.Output);
            return ExitCodes.Ok;
        }

        try
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (var file = new StreamWriter(full) { NewLine = "\n" })
            {
                write(file);
            }

            parse.InvocationConfiguration.Output.WriteLine($"wrote {full}");
            return ExitCodes.Ok;
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"cannot write '{path}': {problem.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
