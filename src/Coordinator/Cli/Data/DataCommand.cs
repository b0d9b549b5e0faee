using System.CommandLine;
using Daft.Shared.Data;

namespace Daft.Coordinator.Cli.Data;

/// <summary><c>daft data</c>: list, fetch and check the datasets under a data root.</summary>
internal static class DataCommand
{
    public static Command Create() => new("data", "List, fetch and check datasets (the data root is --data-root, else $DAFT_DATA, else ~/.cache/daft).")
    {
        DataListCommand.Create(),
        DataFetchCommand.Create(),
        DataCheckCommand.Create(),
    };

    /// <summary>The <c>--data-root</c> option every data verb takes.</summary>
    public static Option<string> DataRootOption() => new("--data-root")
    {
        Description = $"Folder holding the datasets (default: ${DataRoot.Variable}, else ~/.cache/daft).",
        DefaultValueFactory = _ => DataRoot.Resolve(),
    };

    /// <summary>The names a verb acts on: dataset or source names (see <c>daft data list</c>).</summary>
    public static Argument<string[]> NamesArgument(string verb) => new("names")
    {
        Description = $"Datasets or sources to {verb} (see `daft data list`); `-` and `_` are the same.",
        Arity = ArgumentArity.OneOrMore,
    };
}
