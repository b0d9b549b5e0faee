using Daft.GpuNode.Data.Readers;

namespace Daft.GpuNode.Tests.Data.Readers;

public class Stl10Tests
{
    const int Side = 96;

    /// <summary>A value that tells image, channel, row and column apart.</summary>
    static byte Pixel(int image, int channel, int row, int col) => (byte)((image * 53 + channel * 101 + row * 3 + col * 7) % 256);

    /// <summary>Writes test_X.bin / test_y.bin as published: per image the R, G, B planes, each column by column.</summary>
    internal static string WriteTestSplit(string root, byte[] labels)
    {
        var folder = Path.Combine(root, Stl10.FolderName);
        Directory.CreateDirectory(folder);
        var bytes = new byte[labels.Length * 3 * Side * Side];
        var i = 0;
        for (var n = 0; n < labels.Length; n++)
            for (var c = 0; c < 3; c++)
                for (var col = 0; col < Side; col++)
                    for (var row = 0; row < Side; row++)
                        bytes[i++] = Pixel(n, c, row, col);
        File.WriteAllBytes(Path.Combine(folder, Stl10.TestImagesFile), bytes);
        File.WriteAllBytes(Path.Combine(folder, Stl10.TestLabelsFile), labels);
        return folder;
    }

    [Fact]
    public void Column_major_planes_become_hwc_and_monkeys_are_dropped()
    {
        using var temp = new TempFolder();
        // STL-10 labels 1..10 (airplane, bird, car, cat, deer, dog, horse, monkey, ship, truck), monkey (8) twice.
        WriteTestSplit(temp.Path, [1, 2, 3, 8, 4, 5, 6, 7, 8, 9, 10]);

        using var set = Stl10.LoadTestAsCifar10(temp.Path);

        Assert.Equal(("stl10", 9, 96, 10), (set.Name, set.Count, set.Height, set.NumClasses));
        Assert.Equal([0L, 2, 1, 3, 4, 5, 7, 8, 9], set.Labels.data<long>().ToArray());
        int[] kept = [0, 1, 2, 4, 5, 6, 7, 9, 10];
        var pixels = set.Images.data<byte>().ToArray();
        var i = 0;
        for (var k = 0; k < kept.Length; k++)
            for (var row = 0; row < Side; row++)
                for (var col = 0; col < Side; col++)
                    for (var c = 0; c < 3; c++)
                        Assert.Equal(Pixel(kept[k], c, row, col), pixels[i++]);
    }

    [Fact]
    public void Labels_outside_1_to_10_name_the_file_and_row()
    {
        using var temp = new TempFolder();
        var folder = WriteTestSplit(temp.Path, [1, 10, 0]);

        var error = Assert.Throws<InvalidDataException>(() => Stl10.LoadTestAsCifar10(temp.Path));

        Assert.Contains($"'{Path.Combine(folder, "test_y.bin")}': row 2 has label 0; STL-10 (1-based) labels are 1..10", error.Message);
    }

    [Fact]
    public void Image_bytes_that_do_not_match_the_label_count_are_refused()
    {
        using var temp = new TempFolder();
        var folder = WriteTestSplit(temp.Path, [1, 2]);
        File.WriteAllBytes(Path.Combine(folder, Stl10.TestLabelsFile), [1, 2, 3]);

        var error = Assert.Throws<InvalidDataException>(() => Stl10.LoadTestAsCifar10(temp.Path));

        Assert.Contains($"'{Path.Combine(folder, "test_X.bin")}' has 55296 bytes and '{Path.Combine(folder, "test_y.bin")}' has 3", error.Message);
        Assert.Contains("expected 27648 bytes per image", error.Message);
    }

    [Fact]
    public void A_missing_split_names_both_paths_and_how_to_fetch_it()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "stl10_binary");

        var error = Assert.Throws<FileNotFoundException>(() => Stl10.LoadTestAsCifar10(temp.Path));

        Assert.Contains($"looked for '{Path.Combine(folder, "test_X.bin")}', '{Path.Combine(folder, "test_y.bin")}'", error.Message);
        Assert.Contains($"so that '{folder}' holds the .bin files, or run `daft data fetch stl10`", error.Message);
    }
}
