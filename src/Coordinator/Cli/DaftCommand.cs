using System.CommandLine;
using System.Data.Common;
using Daft.Coordinator.Cli.Data;
using Daft.Coordinator.Cli.Views;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Cli;

/// <summary>
/// The root of the <c>daft</c> command line: its verbs, <c>--version</c> and <c>--verbose</c>, and what a user sees
/// when a verb throws: one line <c>daft: MESSAGE</c> and an exit status that says whose fault it is (bad input 2, the
/// database or API unreachable 5, else 1), the stack trace only with <c>--verbose</c>. System.CommandLine's own handler
/// prints every exception with its stack trace, which reads as a crash where the user only mistyped a <c>--db</c>.
/// </summary>
internal static class DaftCommand
{
    private const string VerboseName = "--verbose";

    public static RootCommand Create()
    {
        var root = new RootCommand("daft: runs transfer-learning experiments (LP, FT, LP-FT, DAFT) and reports their results.")
        {
            JobCommand.Create(),
            DataCommand.Create(),
            Results.ResultsCommand.Create(),
            Sweep.SweepCommand.Create(),
            Farm.RunCommand.Create(),
            Farm.ServeCommand.Create(),
            Farm.BenchCommand.Create(),
            Views.NodesCommand.Create(),
        };
        // On every verb: print the stack trace of an unexpected error as well as its message.
        root.Options.Add(new Option<bool>(VerboseName) { Description = "On an error, print its stack trace too (for a bug report).", Recursive = true });
        // The stock --version reads the entry assembly, which is the test host when the CLI runs in-process.
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction();
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; an exception a verb did not handle becomes a message and an exit status.</summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration configuration, CancellationToken cancellation = default)
    {
        configuration.EnableDefaultExceptionHandler = false;
        var root = Create();
        var verbose = root.Options.OfType<Option<bool>>().Single(option => option.Name == VerboseName);
        var parse = root.Parse(args);
        try
        {
            return await parse.InvokeAsync(configuration, cancellation);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM reached a verb that does not handle it: stopped on request, not a crash.
            (configuration.Error ?? Console.Error).WriteLine("daft: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception error)
        {
            return Report(error, parse.GetValue(verbose), configuration.Error ?? Console.Error);
        }
    }

    /// <summary>As <see cref="InvokeAsync"/>, blocking.</summary>
    public static int Invoke(string[] args, InvocationConfiguration configuration) => InvokeAsync(args, configuration).GetAwaiter().GetResult();

    private static int Report(Exception error, bool verbose, TextWriter stderr)
    {
        var (exitCode, message) = error switch
        {
            CliFailure failure => (failure.ExitCode, failure.Message),
            ConfigException config => (ExitCodes.InvalidInput, config.Message),
            // A mistyped --db, a missing file, an out-of-range value: the input's fault.
            ArgumentException { ParamName: { } name } argument => (ExitCodes.InvalidInput, argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)),
            ArgumentException or FileNotFoundException or DirectoryNotFoundException or FormatException => (ExitCodes.InvalidInput, error.Message),
            DbException or System.Net.Sockets.SocketException or HttpRequestException =>
                (ExitCodes.CoordinatorUnreachable, $"{error.Message} (is the database or coordinator up?)"),
            _ => (1, $"{error.GetType().Name}: {error.Message}"),
        };
        stderr.WriteLine($"daft: {message}");
        stderr.WriteLine(verbose ? error.ToString() : "(run again with --verbose for the stack trace)");
        return exitCode;
    }
}
