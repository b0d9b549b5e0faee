using System.CommandLine;
using Daft.Coordinator.Ledger;
using Daft.Shared.Data;

namespace Daft.Coordinator.Cli.Sweep;

/// <summary>
/// <c>daft sweep</c>: the verbs that act on sweep files (configs/sweeps/README.md). Each verb is its own class with a
/// <c>Create()</c>; a new verb is one more line below. The options every verb that reads the ledger takes are here,
/// so that they read alike everywhere.
/// </summary>
internal static class SweepCommand
{
    public static Command Create() => new("sweep", "Expand, check and plan sweeps (configs/sweeps/README.md describes the format).")
    {
        SweepPlanCommand.Create(),
        Farm.SweepSubmitCommand.Create(),
        Farm.SweepControlCommands.Cancel(),
        Farm.SweepControlCommands.Priority(),
        SweepBenchCommand.Create(),
        Views.SweepListCommand.Create(),
        Views.SweepStatusCommand.Create(),
    };

    /// <summary>The sweep file argument.</summary>
    public static Argument<string> FileArgument() => new("file") { Description = "The sweep file (YAML)." };

    /// <summary><c>--db DATABASE</c>: the ledger (default <c>$DAFT_DB</c>, else daft.db in the farm home).</summary>
    public static Option<string?> DatabaseOption() => new("--db")
    {
        Description = $"The ledger database (default: ${FarmHome.DatabaseVariable}, else daft.db in the farm home): {LedgerFactory.Forms}.",
    };

    /// <summary><c>--home DIR</c>: the farm home (default <c>$DAFT_HOME</c>, else ~/.local/share/daft).</summary>
    public static Option<string?> HomeOption() => new("--home")
    {
        Description = $"The farm home (default: ${FarmHome.Variable}, else ~/.local/share/daft).",
    };
}
