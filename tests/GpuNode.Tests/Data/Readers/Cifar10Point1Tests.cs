using Daft.GpuNode.Data.Readers;
using Daft.GpuNode.IO;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Data.Readers;

public class Cifar10Point1Tests
{
    [Theory]
    [InlineData("v6", 2_000, ScalarType.Int64)]
    [InlineData("v4", 2_021, ScalarType.Int32)]
    public void Each_version_loads_with_its_published_count(string version, int count, ScalarType labelType)
    {
        using var temp = new TempFolder();
        NpyFiles.WriteImages(Path.Combine(temp.Path, Cifar10Point1.DataFile(version)), count);
        NpyFiles.WriteLabels(Path.Combine(temp.Path, Cifar10Point1.LabelsFile(version)), count, labelType);

        using var set = Cifar10Point1.Load(temp.Path, version);

        Assert.Equal(("cifar10.1", count, 32, 10), (set.Name, set.Count, set.Height, set.NumClasses));
        Assert.Equal([0L, 1, 2, 3], set.Labels.data<long>().Take(4).ToArray());
        Assert.Equal(7, set.Images[1799, 5, 9, 2].item<byte>());  // 1799 % 256
    }

    [Fact]
    public void A_v6_file_with_the_v4_count_is_refused()
    {
        using var temp = new TempFolder();
        var data = Path.Combine(temp.Path, Cifar10Point1.DataFile("v6"));
        NpyFiles.WriteImages(data, 2_021);
        NpyFiles.WriteLabels(Path.Combine(temp.Path, Cifar10Point1.LabelsFile("v6")), 2_021, ScalarType.Int64);

        var error = Assert.Throws<InvalidDataException>(() => Cifar10Point1.Load(temp.Path));

        Assert.Contains($"'{data}' holds 2021 images; CIFAR-10.1 v6 has 2,000", error.Message);
    }

    [Fact]
    public void Missing_files_are_all_named()
    {
        using var temp = new TempFolder();

        var error = Assert.Throws<FileNotFoundException>(() => Cifar10Point1.Load(temp.Path, "v7"));

        Assert.Contains(
            $"looked for '{Path.Combine(temp.Path, "cifar10.1_v7_data.npy")}', '{Path.Combine(temp.Path, "cifar10.1_v7_labels.npy")}'",
            error.Message);
    }

    [Fact]
    public void Unknown_versions_list_the_published_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Cifar10Point1.Load("anywhere", "v5"));

        Assert.Contains("version 'v5' is unknown; the published versions are v4, v6, v7", error.Message);
    }

    [Fact]
    public void Images_of_the_wrong_shape_and_labels_out_of_range_name_the_file()
    {
        using var temp = new TempFolder();
        var data = Path.Combine(temp.Path, Cifar10Point1.DataFile("v6"));
        var labels = Path.Combine(temp.Path, Cifar10Point1.LabelsFile("v6"));
        NpyFiles.WriteLabels(labels, 2_000, ScalarType.Int64);
        using (var wrong = zeros(2_000, 3, 32, 32, ScalarType.Byte))
            Npy.Save(data, wrong);

        var shapeError = Assert.Throws<InvalidDataException>(() => Cifar10Point1.Load(temp.Path));
        Assert.Contains($"'{data}' holds Byte (2000, 3, 32, 32); expected uint8 images (N, 32, 32, 3)", shapeError.Message);

        NpyFiles.WriteImages(data, 2_000);
        using (var bad = full(2_000, 10L, ScalarType.Int64))
            Npy.Save(labels, bad);
        var labelError = Assert.Throws<InvalidDataException>(() => Cifar10Point1.Load(temp.Path));
        Assert.Contains($"'{labels}': row 0 has label 10; CIFAR-10.1 labels are 0..9", labelError.Message);
    }
}
