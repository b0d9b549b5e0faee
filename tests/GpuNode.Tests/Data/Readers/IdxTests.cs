using Daft.GpuNode.Data;
using Daft.GpuNode.Data.Readers;
using Daft.Tests.Support;

namespace Daft.GpuNode.Tests.Data.Readers;

public class IdxTests
{
    const int Side = 28;

    static byte Pixel(int image, int row, int col) => (byte)((image * 31 + row * 7 + col) % 256);

    static byte[] Images(int first, int count) =>
        [.. Enumerable.Range(first, count).SelectMany(n => Enumerable.Range(0, Side * Side).Select(p => Pixel(n, p / Side, p % Side)))];

    static void WritePair(string folder, string imagesName, string labelsName, int first, byte[] labels, bool gzip)
    {
        var suffix = gzip ? ".gz" : "";
        IdxWriter.Write(Path.Combine(folder, imagesName + suffix), Idx.ImagesMagic, [labels.Length, Side, Side], Images(first, labels.Length), gzip);
        IdxWriter.Write(Path.Combine(folder, labelsName + suffix), Idx.LabelsMagic, [labels.Length], labels, gzip);
    }

    /// <summary>Train gzipped (5 images), t10k plain (3 images), as a folder may hold after a partial gunzip.</summary>
    internal static string WriteDataset(string folder)
    {
        Directory.CreateDirectory(folder);
        WritePair(folder, Idx.TrainImages, Idx.TrainLabels, 0, [5, 0, 4, 1, 9], gzip: true);
        WritePair(folder, Idx.TestImages, Idx.TestLabels, 100, [7, 2, 1], gzip: false);
        return folder;
    }

    [Theory]
    [InlineData("mnist", "mnist")]
    [InlineData("fashion_mnist", "fashion-mnist")]
    public void Catalog_reads_gzipped_and_plain_files_into_three_channel_sets(string name, string folderName)
    {
        using var temp = new TempFolder();
        WriteDataset(Path.Combine(temp.Path, folderName));

        using var splits = DatasetCatalog.Load(name, temp.Path);

        Assert.Equal((name, 5, 3, 28, 10), (splits.Name, splits.Train.Count, splits.IdVal.Count, splits.Train.Height, splits.NumClasses));
        Assert.Empty(splits.Ood);
        Assert.Equal([5, 0, 4, 1, 9], splits.Train.Labels.data<long>().ToArray());
        Assert.Equal([7, 2, 1], splits.IdVal.Labels.data<long>().ToArray());
        AssertGrayPixels(splits.Train, first: 0);
        AssertGrayPixels(splits.IdVal, first: 100);
    }

    static void AssertGrayPixels(ImageSet set, int first)
    {
        var pixels = set.Images.data<byte>().ToArray();
        var i = 0;
        for (var n = 0; n < set.Count; n++)
            for (var y = 0; y < Side; y++)
                for (var x = 0; x < Side; x++)
                    for (var c = 0; c < 3; c++)
                        Assert.Equal(Pixel(first + n, y, x), pixels[i++]);
    }

    [Fact]
    public void Gzipped_and_plain_copies_of_a_file_read_the_same()
    {
        using var temp = new TempFolder();
        WritePair(temp.Path, "plain-images", "plain-labels", 3, [1, 2, 3, 4], gzip: false);
        WritePair(temp.Path, "zipped-images", "zipped-labels", 3, [1, 2, 3, 4], gzip: true);

        using var plain = Idx.Load("a", Path.Combine(temp.Path, "plain-images"), Path.Combine(temp.Path, "plain-labels"));
        using var zipped = Idx.Load("b", Path.Combine(temp.Path, "zipped-images.gz"), Path.Combine(temp.Path, "zipped-labels.gz"));

        Assert.True(plain.Images.eq(zipped.Images).all().item<bool>());
        Assert.True(plain.Labels.eq(zipped.Labels).all().item<bool>());
    }

    [Fact]
    public void Missing_files_name_the_folder_both_spellings_and_the_fetch_command()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "mnist");
        Directory.CreateDirectory(folder);
        WritePair(folder, Idx.TrainImages, Idx.TrainLabels, 0, [1, 2], gzip: true);

        var error = Assert.Throws<FileNotFoundException>(() => DatasetCatalog.Load("mnist", temp.Path));

        Assert.Contains($"in '{folder}' there is no 't10k-images-idx3-ubyte' or 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte' or", error.Message);
        Assert.DoesNotContain("'train-images-idx3-ubyte' or", error.Message);
        Assert.Contains($"`daft data fetch mnist --data-root {temp.Path}`", error.Message);
    }

    [Fact]
    public void Swapped_image_and_label_files_are_named_by_their_magic()
    {
        using var temp = new TempFolder();
        WritePair(temp.Path, "images", "labels", 0, [1, 2], gzip: true);
        var labels = Path.Combine(temp.Path, "labels.gz");

        var error = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(labels));

        Assert.Contains($"'{labels}' starts with magic 2049; expected 2051", error.Message);
        Assert.Contains("swapped", error.Message);
    }

    [Fact]
    public void A_truncated_file_says_how_many_bytes_its_dimensions_need()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "images");
        IdxWriter.Write(path, Idx.ImagesMagic, [2, Side, Side], Images(0, 1), gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(path));

        Assert.Contains($"'{path}' has only 784 data bytes after its header; dimensions (2, 28, 28) need exactly 1568", error.Message);
    }

    [Fact]
    public void Trailing_bytes_and_broken_gzip_streams_name_the_file()
    {
        using var temp = new TempFolder();
        var longer = Path.Combine(temp.Path, "labels.gz");
        IdxWriter.Write(longer, Idx.LabelsMagic, [2], [1, 2, 3], gzip: true);
        var broken = Path.Combine(temp.Path, "broken.gz");
        File.WriteAllBytes(broken, [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var extra = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(longer));
        var corrupt = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(broken));

        Assert.Contains($"'{longer}' (decompressed) has more data bytes after its header; dimensions (2) need exactly 2", extra.Message);
        Assert.StartsWith($"'{broken}' ", corrupt.Message);
    }

    [Fact]
    public void Labels_outside_0_to_9_name_the_file_and_row()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "labels.gz");
        IdxWriter.Write(path, Idx.LabelsMagic, [4], [3, 9, 10, 200], gzip: true);

        var error = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(path));

        Assert.Contains($"'{path}': row 2 has label 10; MNIST / Fashion-MNIST labels are 0..9 (2 of 4 rows", error.Message);
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        using var temp = new TempFolder();
        IdxWriter.Write(Path.Combine(temp.Path, "images"), Idx.ImagesMagic, [3, Side, Side], Images(0, 3), gzip: false);
        IdxWriter.Write(Path.Combine(temp.Path, "labels"), Idx.LabelsMagic, [2], [0, 1], gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => Idx.Load("x", Path.Combine(temp.Path, "images"), Path.Combine(temp.Path, "labels")));

        Assert.Contains("holds 3 images but", error.Message);
        Assert.Contains("holds 2 labels", error.Message);
    }
}
