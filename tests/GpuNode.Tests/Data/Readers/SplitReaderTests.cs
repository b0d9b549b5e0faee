using System.IO.Compression;
using Daft.Datasets.DomainNet;
using Daft.GpuNode.Data;
using Daft.GpuNode.Data.Readers;
using Daft.GpuNode.IO;
using Daft.GpuNode.Tests.Data.Images;
using Daft.Shared.Datasets;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Data.Readers;

public class SplitReaderTests
{
    [Fact]
    public void Every_reader_a_dataset_file_may_name_is_implemented()
    {
        Assert.Equal(ReaderSchemas.All.Select(r => r.Name).Order(), SplitReader.Names.Order());
    }

    /// <summary>The digits_shift layout in miniature: MNIST IDX (5 train, 3 test), MNIST-M test .npy (2 images), the
    /// UCI digits CSV (4 rows), under the names `daft data fetch digits-shift` writes.</summary>
    static void WriteDigitsShift(string root)
    {
        IdxTests.WriteDataset(Path.Combine(root, "mnist"));
        using var mnistM = arange(2 * 28 * 28 * 3, ScalarType.Int64).remainder(256).to_type(ScalarType.Byte).reshape(2, 28, 28, 3);
        Npy.Save(Path.Combine(root, "mnist_m", "test_images.npy"), mnistM);
        using var labels = tensor(new byte[] { 3, 8 });
        Npy.Save(Path.Combine(root, "mnist_m", "test_labels.npy"), labels);
        var csv = Path.Combine(root, "digits", "digits.csv.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(csv)!);
        using var writer = new StreamWriter(new GZipStream(File.Create(csv), CompressionLevel.Fastest));
        for (var row = 0; row < 4; row++)
            writer.WriteLine(string.Join(",", Enumerable.Repeat(16, 64).Append(row)));
    }

    [Fact]
    public void Digits_shift_reads_mnist_then_mnist_m_and_the_uci_digits_framed_as_mnist()
    {
        using var temp = new TempFolder();
        WriteDigitsShift(temp.Path);

        using var data = DatasetCatalog.Load("digits_shift", temp.Path);

        Assert.Equal((5, 3, 28), (data.Train.Count, data.IdVal.Count, data.ImageSize));
        Assert.Equal(["mnist_m", "digits"], data.Ood.Select(o => o.Name));
        Assert.Equal([3L, 8], data.Ood[0].Labels.data<long>().ToArray());
        var digits = data.Ood[1];
        Assert.Equal((4, 28, 28), (digits.Count, digits.Height, digits.Width));
        // All-ink 8x8 digits resized to 20x20 and padded by 4: a white square inside a black 4-pixel frame.
        using var pixels = digits.Images[0].select(2, 0);
        Assert.Equal(0, pixels[..4].sum().item<long>() + pixels[24..].sum().item<long>() + pixels[.., ..4].sum().item<long>());
        Assert.True(pixels[4..24, 4..24].eq(255).all().item<bool>());
    }

    [Fact]
    public void A_missing_file_says_which_fetch_brings_it()
    {
        using var temp = new TempFolder();
        WriteDigitsShift(temp.Path);
        File.Delete(Path.Combine(temp.Path, "mnist_m", "test_labels.npy"));

        var error = Assert.Throws<FileNotFoundException>(() => DatasetCatalog.Load("digits_shift", temp.Path));

        Assert.Contains(Path.Combine(temp.Path, "mnist_m", "test_labels.npy"), error.Message);
        Assert.Contains($"`daft data fetch digits_shift --data-root {temp.Path}`", error.Message);
    }

    [Fact]
    public void Npy_sets_of_grey_images_become_three_channels_and_labels_are_range_checked()
    {
        using var temp = new TempFolder();
        using var grey = zeros([2, 5, 5], ScalarType.Byte);
        Npy.Save(Path.Combine(temp.Path, "set", "x_images.npy"), grey);
        using var labels = tensor(new long[] { 1, 4 });
        Npy.Save(Path.Combine(temp.Path, "set", "x_labels.npy"), labels);
        var source = new SplitSource("ood", "npy", new Dictionary<string, object> { ["path"] = "set", ["split"] = "x" });

        using var set = SplitReader.Read(source, temp.Path, numClasses: 5);
        var error = Assert.Throws<InvalidDataException>(() => SplitReader.Read(source, temp.Path, numClasses: 3));

        Assert.Equal([2L, 5, 5, 3], set.Images.shape);
        Assert.Contains("row 1 has label 4", error.Message);
    }

    [Fact]
    public void Domainnet_files_of_any_size_are_decoded_to_the_split_size_in_list_order()
    {
        using var temp = new TempFolder();
        var root = Path.Combine(temp.Path, "domainnet");
        string[] lines = ["sketch/airplane/a.jpg 0", "sketch/ambulance/b.png 1", "sketch/airplane/c.jpg 0"];
        (int W, int H)[] sizes = [(30, 20), (9, 14), (16, 16)];
        for (var i = 0; i < lines.Length; i++)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, lines[i].Split(' ')[0]))!);
            PngWriter.Write(Path.Combine(root, lines[i].Split(' ')[0]), sizes[i].W, sizes[i].H, PngWriter.Rgb, new byte[sizes[i].W * sizes[i].H * 3]);
        }
        var list = Path.Combine(root, DomainNetLayout.SentryFolder, "sketch_train_mini.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(list)!);
        File.WriteAllText(list, string.Concat(lines.Select(l => l + "\r\n")));
        var source = new SplitSource("train", "domainnet", new Dictionary<string, object>
        {
            ["domains"] = "sketch",
            ["split"] = "train",
            ["version"] = "sentry",
            ["decode"] = new TransformSpec[] { new ResizeSpec(16, Exact: true, Interpolation.Bicubic) },
        });

        using var set = SplitReader.Read(source, temp.Path, numClasses: 40, scale: 0.5);

        Assert.Equal([3L, 8, 8, 3], set.Images.shape); // the job's half-size image_size halves the decode size
        Assert.Equal([0L, 1, 0], set.Labels.data<long>().ToArray());
    }
}
