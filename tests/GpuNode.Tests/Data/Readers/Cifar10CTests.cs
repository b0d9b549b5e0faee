using Daft.GpuNode.Data.Readers;
using Daft.Shared.Datasets;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Data.Readers;

public class Cifar10CTests
{
    /// <summary>5 severities x 3 images: row i has pixels and label-order that identify it.</summary>
    static void WriteCorruption(string folder, string corruption, int total = 15)
    {
        NpyFiles.WriteImages(Path.Combine(folder, corruption + ".npy"), total);
        NpyFiles.WriteLabels(Path.Combine(folder, Cifar10C.LabelsFile), total, ScalarType.Byte);
    }

    [Theory]
    [InlineData(1, new[] { 0, 1, 2 })]
    [InlineData(3, new[] { 6, 7, 8 })]
    [InlineData(5, new[] { 12, 13, 14 })]
    public void Severity_selects_its_block_of_rows(int severity, int[] rows)
    {
        using var temp = new TempFolder();
        WriteCorruption(temp.Path, "fog");

        using var set = Cifar10C.Load(temp.Path, "fog", severity);

        Assert.Equal(($"fog_{severity}", 3, 32, 10), (set.Name, set.Count, set.Height, set.NumClasses));
        Assert.Equal(rows.Select(r => (byte)r), set.Images.select(1, 0).select(1, 0).select(1, 0).data<byte>().ToArray());
        Assert.Equal(rows.Select(r => (long)(r % 10)), set.Labels.data<long>().ToArray());
    }

    [Fact]
    public void The_benchmark_has_15_corruptions()
    {
        Assert.Equal(15, Cifar10CCorruptions.All.Distinct().Count());
        Assert.Contains("jpeg_compression", Cifar10CCorruptions.All);
        Assert.DoesNotContain("speckle_noise", Cifar10CCorruptions.All);
    }

    [Fact]
    public void Bad_names_and_severities_list_the_allowed_values()
    {
        var name = Assert.Throws<ArgumentException>(() => Cifar10C.Load("anywhere", "speckle_noise", 1));
        Assert.Contains("'speckle_noise' is not a CIFAR-10-C corruption; the 15 are: gaussian_noise, shot_noise,", name.Message);

        var severity = Assert.Throws<ArgumentOutOfRangeException>(() => Cifar10C.Load("anywhere", "fog", 0));
        Assert.Contains("severity must be 1, 2, 3, 4 or 5, not 0", severity.Message);
    }

    [Fact]
    public void Files_that_do_not_split_into_five_severities_or_pair_with_the_labels_are_refused()
    {
        using var temp = new TempFolder();
        var data = Path.Combine(temp.Path, "snow.npy");
        WriteCorruption(temp.Path, "snow", total: 14);
        var blocks = Assert.Throws<InvalidDataException>(() => Cifar10C.Load(temp.Path, "snow", 2));
        Assert.Contains($"'{data}' holds 14 images; expected 5 equal blocks", blocks.Message);

        NpyFiles.WriteImages(data, 10);
        var labels = Assert.Throws<InvalidDataException>(() => Cifar10C.Load(temp.Path, "snow", 2));
        Assert.Contains($"'{Path.Combine(temp.Path, "labels.npy")}' has shape (14); expected (10,)", labels.Message);
    }

    [Fact]
    public void A_missing_corruption_file_names_the_path()
    {
        using var temp = new TempFolder();
        WriteCorruption(temp.Path, "fog");

        var error = Assert.Throws<FileNotFoundException>(() => Cifar10C.Load(temp.Path, "frost", 1));

        Assert.Contains($"looked for '{Path.Combine(temp.Path, "frost.npy")}'.", error.Message);
    }
}
