using System.CommandLine;
using Daft.Coordinator.Cli;

namespace Daft.Coordinator.Tests.Cli;

/// <summary>The outcome of one in-process <c>daft</c> invocation.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs the <c>daft</c> command line in-process: the real parser and actions, output captured.</summary>
internal static class CliRun
{
    public static CliResult Daft(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exitCode = DaftCommand.Invoke(args, new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>As <see cref="Daft"/>, awaited: for verbs that wait on the network or a clock, run from an async test.</summary>
    public static async Task<CliResult> DaftAsync(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exitCode = await DaftCommand.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
