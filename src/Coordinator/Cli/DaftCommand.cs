using System.CommandLine;
using Daft.Coordinator.Cli.Data;

namespace Daft.Coordinator.Cli;

/// <summary>The root of the <c>daft</c> command line: its verbs and <c>--version</c>.</summary>
internal static class DaftCommand
{
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
        // The stock --version reads the entry assembly, which is the test host when the CLI runs in-process.
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction();
        return root;
    }
}
