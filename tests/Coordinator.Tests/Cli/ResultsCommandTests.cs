using System.Text.Json;
using Daft.Shared.Results;
using Daft.Tests.Support;

namespace Daft.Coordinator.Tests.Cli;

public sealed class ResultsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static RunResult Result(string id, string method, string status, params SetMetrics[] final) => new(
        id, method, "digits_inverted", "small_cnn", 1, 0, status, null, final.Length == 0 ? 0 : 3, [.. final], [], [], null, null,
        new Timings(1, 0, 0, 0, 0, 0, 0), new RunEnvironment("0.1.0", "0.107.0", "2.10.0", "10.0", "cpu", 2, "host"),
        JsonDocument.Parse("{}").RootElement.Clone());

    [Fact]
    public void Show_prints_one_row_per_result_with_accuracies_in_percent_at_the_chosen_epoch()
    {
        _folder.Write("daft/result.json", Result("aaaaaaaaaaaaaaaa", "daft", "succeeded",
            new SetMetrics("id_val", 0.97531, 0.1, 445), new SetMetrics("digits", 0.2899, 2, 445)).ToJson());
        _folder.Write("ft/result.json", Result("bbbbbbbbbbbbbbbb", "ft", "failed").ToJson());

        var result = CliRun.Daft("results", "show", _folder.Path);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal(["job", "method", "dataset", "backbone", "run", "status", "epoch", "id_val", "digits"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["aaaaaaaaaaaaaaaa", "daft", "digits_inverted", "small_cnn", "1", "succeeded", "3", "97.53", "28.99"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["bbbbbbbbbbbbbbbb", "ft", "digits_inverted", "small_cnn", "1", "failed", "0", "-", "-"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Show_names_a_file_that_is_not_a_result_and_exits_2()
    {
        var bad = _folder.Write("x/result.json", "{ not json");

        var result = CliRun.Daft("results", "show", bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(bad, result.Error);
    }

    [Fact]
    public void Show_exits_2_for_a_missing_path_or_a_folder_without_results()
    {
        var missing = CliRun.Daft("results", "show", Path.Combine(_folder.Path, "nope"));
        var empty = CliRun.Daft("results", "show", _folder.Path);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no file or folder", missing.Error);
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("no result.json", empty.Error);
    }

    public void Dispose() => _folder.Dispose();
}
