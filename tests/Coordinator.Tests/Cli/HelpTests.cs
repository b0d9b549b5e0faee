using System.CommandLine;
using Daft.Coordinator.Cli;

namespace Daft.Coordinator.Tests.Cli;

/// <summary>Every verb a user can run explains itself with examples, as `daft VERB --help` shows.</summary>
public sealed class HelpTests
{
    [Fact]
    public void Every_visible_verb_has_examples_in_its_help()
    {
        var leaves = Leaves(DaftCommand.Create(), "daft").Where(leaf => !leaf.Command.Hidden).ToList();

        Assert.NotEmpty(leaves);
        Assert.Empty(leaves.Where(leaf => leaf.Command.Description?.Contains("Example", StringComparison.Ordinal) != true).Select(leaf => leaf.Path));
    }

    [Fact]
    public void Help_of_a_verb_prints_its_examples_and_exits_0()
    {
        var result = CliRun.Daft("results", "table", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("daft results table digits-shift-lr --format latex --out table.tex", result.Output);
    }

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path) =>
        command.Subcommands.Count == 0
            ? [(path, command)]
            : command.Subcommands.SelectMany(sub => Leaves(sub, $"{path} {sub.Name}"));
}
