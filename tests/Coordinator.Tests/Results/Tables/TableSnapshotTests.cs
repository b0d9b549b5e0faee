using Daft.Coordinator.Cli.Results;
using Daft.Coordinator.Results.Tables;
using Daft.Tests.Support;

namespace Daft.Coordinator.Tests.Results.Tables;

/// <summary>
/// Pins each output format of the paper-style table on <see cref="TableExamples"/>, byte for byte. After a deliberate
/// change of a format, rerun with DAFT_UPDATE_SNAPSHOTS=1 to rewrite the files in Snapshots/ and review their diff.
/// </summary>
public sealed class TableSnapshotTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "Coordinator.Tests", "Results", "Tables", "Snapshots");

    [Theory]
    [InlineData("terminal", "txt")]
    [InlineData("markdown", "md")]
    [InlineData("latex", "tex")]
    [InlineData("csv", "csv")]
    public void Each_format_matches_its_snapshot(string format, string extension)
    {
        var definition = TableDefinitionLoader.Resolve("default") with { Decimals = 1 };
        var output = new StringWriter { NewLine = "\n" };

        ResultsTableCommand.Render(output, format, TableBuilder.Build(TableExamples.Rows, definition));

        Snapshot.Match(Path.Combine(Folder, $"default.{extension}"), output.ToString());
    }

    [Fact]
    public void The_digits_shift_table_matches_its_snapshot_in_latex_with_the_90_percent_interval()
    {
        var definition = TableDefinitionLoader.Resolve("digits-shift") with { Spread = TableSpread.Interval90 };
        var output = new StringWriter { NewLine = "\n" };

        ResultsTableCommand.Render(output, "latex", TableBuilder.Build(TableExamples.Rows, definition));

        Snapshot.Match(Path.Combine(Folder, "digits-shift-interval90.tex"), output.ToString());
    }
}

/// <summary>Compares text with a checked-in file; DAFT_UPDATE_SNAPSHOTS=1 (re)writes the file instead.</summary>
internal static class Snapshot
{
    public static void Match(string path, string actual)
    {
        if (Environment.GetEnvironmentVariable("DAFT_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"no snapshot {path}; run the test with DAFT_UPDATE_SNAPSHOTS=1 to write it, then review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
