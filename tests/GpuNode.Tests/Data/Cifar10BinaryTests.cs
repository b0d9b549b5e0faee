using Daft.GpuNode.Data;

namespace Daft.GpuNode.Tests.Data;

public class Cifar10BinaryTests
{
    /// <summary>A pixel value that tells record, channel, row and column apart.</summary>
    static byte Pixel(int record, int channel, int row, int col) => (byte)((record * 37 + channel * 101 + row * 7 + col) % 256);

    /// <summary>Writes records in the CIFAR-10 binary layout: label byte, then the R, G and B planes, row-major.</summary>
    static void WriteBatch(string path, int firstRecord, int count, Func<int, byte>? label = null)
    {
        using var stream = File.Create(path);
        for (var r = firstRecord; r < firstRecord + count; r++)
        {
            stream.WriteByte(label?.Invoke(r) ?? (byte)(r % 10));
            for (var c = 0; c < 3; c++)
                for (var y = 0; y < 32; y++)
                    for (var x = 0; x < 32; x++)
                        stream.WriteByte(Pixel(r, c, y, x));
        }
    }

    /// <summary>data_batch_1..5 with 3, 2, 2, 2, 1 records (10 in all) and a test batch of 4.</summary>
    internal static string WriteDataset(TempFolder temp)
    {
        var folder = Path.Combine(temp.Path, Cifar10Binary.FolderName);
        Directory.CreateDirectory(folder);
        int[] sizes = [3, 2, 2, 2, 1];
        var next = 0;
        for (var i = 0; i < 5; i++)
        {
            WriteBatch(Path.Combine(folder, $"data_batch_{i + 1}.bin"), next, sizes[i]);
            next += sizes[i];
        }
        WriteBatch(Path.Combine(folder, "test_batch.bin"), 100, 4);
        return folder;
    }

    [Fact]
    public void Planes_and_rows_land_in_hwc_and_files_concatenate_in_order()
    {
        using var temp = new TempFolder();
        WriteDataset(temp);

        using var train = Read("train", temp.Path);
        using var test = Read("test", temp.Path);

        Assert.Equal((10, 4, 32, 10), (train.Count, test.Count, train.Height, train.NumClasses));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], train.Labels.data<long>().ToArray());
        Assert.Equal([0, 1, 2, 3], test.Labels.data<long>().ToArray());
        AssertPixels(train, firstRecord: 0);
        AssertPixels(test, firstRecord: 100);
    }

    static ImageSet Read(string split, string dataRoot) =>
        Cifar10Binary.ReadSplit(split, Path.Combine(dataRoot, Cifar10Binary.FolderName), split);

    static void AssertPixels(ImageSet set, int firstRecord)
    {
        var actual = set.Images.data<byte>().ToArray();
        var i = 0;
        for (var n = 0; n < set.Count; n++)
            for (var y = 0; y < 32; y++)
                for (var x = 0; x < 32; x++)
                    for (var c = 0; c < 3; c++, i++)
                        if (actual[i] != Pixel(firstRecord + n, c, y, x))
                            Assert.Fail($"image {n} row {y} col {x} channel {c}: {actual[i]}, expected {Pixel(firstRecord + n, c, y, x)}");
    }

    [Fact]
    public void Missing_files_name_the_paths_and_how_to_get_the_data()
    {
        using var temp = new TempFolder();

        var error = Assert.Throws<FileNotFoundException>(() => DatasetCatalog.Load("cifar10", temp.Path));

        var expected = Path.Combine(temp.Path, "cifar-10-batches-bin", "data_batch_1.bin");
        Assert.Contains(expected, error.Message);
        Assert.Contains("test_batch.bin", error.Message);
        Assert.Contains("cifar-10-binary.tar.gz", error.Message);
        Assert.Contains($"`daft data fetch cifar10 --data-root {temp.Path}`", error.Message);
    }

    [Fact]
    public void A_missing_test_batch_alone_is_reported()
    {
        using var temp = new TempFolder();
        var folder = WriteDataset(temp);
        File.Delete(Path.Combine(folder, "test_batch.bin"));

        var error = Assert.Throws<FileNotFoundException>(() => Read("test", temp.Path));

        Assert.Contains(Path.Combine(folder, "test_batch.bin"), error.Message);
        Assert.DoesNotContain("data_batch_1.bin'", error.Message);
    }

    [Fact]
    public void A_truncated_file_is_rejected_with_its_size()
    {
        using var temp = new TempFolder();
        var folder = WriteDataset(temp);
        var path = Path.Combine(folder, "data_batch_3.bin");
        using (var stream = File.OpenWrite(path))
            stream.SetLength(2 * 3073 - 5);

        var error = Assert.Throws<InvalidDataException>(() => Read("train", temp.Path));

        Assert.Contains(path, error.Message);
        Assert.Contains($"has {2 * 3073 - 5} bytes, not a positive multiple of 3073", error.Message);
    }

    [Fact]
    public void A_label_above_nine_is_rejected_with_file_and_record()
    {
        using var temp = new TempFolder();
        var folder = WriteDataset(temp);
        var path = Path.Combine(folder, "data_batch_2.bin");
        WriteBatch(path, 3, 2, label: r => r == 4 ? (byte)12 : (byte)1);

        var error = Assert.Throws<InvalidDataException>(() => Read("train", temp.Path));

        Assert.Contains($"'{path}': record 1 (byte offset 3073) has label 12", error.Message);
    }
}
