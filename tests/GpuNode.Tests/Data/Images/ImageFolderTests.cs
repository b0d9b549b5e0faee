using Daft.GpuNode.Data.Images;

namespace Daft.GpuNode.Tests.Data.Images;

public class ImageFolderTests
{
    /// <summary>Writes a <paramref name="width"/>×<paramref name="height"/> PNG of one colour derived from <paramref name="tag"/>.</summary>
    static void WriteSolid(string path, int tag, int width = 4, int height = 3)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var colour = Colour(tag);
        PngWriter.Write(path, width, height, PngWriter.Rgb, [.. Enumerable.Range(0, width * height).SelectMany(_ => colour)]);
    }

    static byte[] Colour(int tag) => [(byte)(tag * 40 % 256), (byte)(tag * 7 % 256), (byte)(255 - tag)];

    /// <summary>The colour of each image in the set (its first pixel), in row order.</summary>
    static List<byte[]> FirstPixels(ImageFolderSet set)
    {
        var bytes = set.Images.Images.bytes.ToArray();
        var imageBytes = set.Images.Height * set.Images.Width * 3;
        return [.. Enumerable.Range(0, set.Images.Count).Select(i => bytes[(i * imageBytes)..(i * imageBytes + 3)])];
    }

    static long[] Labels(ImageFolderSet set) => set.Images.Labels.data<long>().ToArray();

    [Fact]
    public void Classes_and_files_follow_torchvision_ordinal_order_and_labels_are_class_positions()
    {
        using var folder = new TempFolder();
        // Ordinal order puts upper case first: classes A, a, a_, b; files IMG3.PNG, img10.png, img2.jpeg.
        WriteSolid(Path.Combine(folder.Path, "b", "img2.png"), 1);
        WriteSolid(Path.Combine(folder.Path, "b", "IMG3.PNG"), 2);
        WriteSolid(Path.Combine(folder.Path, "b", "img10.png"), 3);
        WriteSolid(Path.Combine(folder.Path, "A", "x.png"), 4);
        WriteSolid(Path.Combine(folder.Path, "a_", "x.png"), 5);
        WriteSolid(Path.Combine(folder.Path, "a", "x.png"), 6);
        // Sub-folders of a class are walked after its own files, as sorted(os.walk(...)) orders them.
        WriteSolid(Path.Combine(folder.Path, "a", "deeper", "y.png"), 7);
        File.WriteAllText(Path.Combine(folder.Path, "b", "README.txt"), "not an image, so not read");

        using var set = ImageFolder.Load(folder.Path, "train");

        Assert.Equal(["A", "a", "a_", "b"], set.Classes);
        Assert.Equal("train", set.Images.Name);
        Assert.Equal(4, set.Images.NumClasses);
        Assert.Equal([0L, 1, 1, 2, 3, 3, 3], Labels(set));
        Assert.Equal(new[] { 4, 6, 7, 5, 2, 3, 1 }.Select(Colour), FirstPixels(set));
        Assert.Equal((3, 4), (set.Images.Height, set.Images.Width));
    }

    [Fact]
    public void Parallel_decoding_keeps_scan_order_on_every_load()
    {
        using var folder = new TempFolder();
        const int perClass = 24;
        for (var c = 0; c < 2; c++)
            for (var i = 0; i < perClass; i++)
                WriteSolid(Path.Combine(folder.Path, $"class{c}", $"{i:D3}.png"), c * perClass + i);
        var expected = Enumerable.Range(0, 2 * perClass).Select(Colour).ToList();

        for (var load = 0; load < 3; load++)
        {
            using var set = ImageFolder.Load(folder.Path, "test");
            Assert.Equal(expected, FirstPixels(set));
            Assert.Equal(Enumerable.Range(0, 2 * perClass).Select(i => (long)(i / perClass)), Labels(set));
        }
    }

    [Fact]
    public void Jpeg_and_png_files_load_together()
    {
        using var folder = new TempFolder();
        WriteSolid(Path.Combine(folder.Path, "cat", "a.png"), 3);
        var jpegPixels = Enumerable.Range(0, 4 * 3).SelectMany(_ => Colour(9)).ToArray();
        Directory.CreateDirectory(Path.Combine(folder.Path, "dog"));
        ImageDecoderTests.WriteJpeg(Path.Combine(folder.Path, "dog", "b.jpeg"), 4, 3, jpegPixels);

        using var set = ImageFolder.Load(folder.Path, "train");

        var pixels = FirstPixels(set);
        Assert.Equal(Colour(3), pixels[0]);
        Assert.All(pixels[1].Zip(Colour(9)), p => Assert.InRange(p.First - p.Second, -3, 3));
    }

    [Fact]
    public void Mixed_sizes_are_rejected_listing_the_mismatched_files()
    {
        using var folder = new TempFolder();
        WriteSolid(Path.Combine(folder.Path, "a", "1.png"), 1);
        WriteSolid(Path.Combine(folder.Path, "a", "2.png"), 2, width: 5);
        WriteSolid(Path.Combine(folder.Path, "b", "3.png"), 3, height: 6);

        var error = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(folder.Path, "train"));

        Assert.Contains("is 4x3", error.Message);
        Assert.Contains($"'{Path.Combine(folder.Path, "a", "2.png")}' is 5x3", error.Message);
        Assert.Contains($"'{Path.Combine(folder.Path, "b", "3.png")}' is 4x6", error.Message);
    }

    [Fact]
    public void Resize_brings_every_image_to_one_square_size_keeping_its_colours()
    {
        using var folder = new TempFolder();
        WriteSolid(Path.Combine(folder.Path, "a", "small.png"), 1, width: 3, height: 2);
        WriteSolid(Path.Combine(folder.Path, "b", "large.png"), 2, width: 20, height: 11);
        // Left half red, right half blue, so a resize that mirrors or mixes the halves fails.
        const int split = 12;
        var halves = Enumerable.Range(0, split * split)
            .SelectMany(p => p % split < split / 2 ? new byte[] { 250, 0, 0 } : [0, 0, 250]).ToArray();
        PngWriter.Write(Path.Combine(folder.Path, "b", "split.png"), split, split, PngWriter.Rgb, halves);

        using var set = ImageFolder.Load(folder.Path, "train", resizeTo: 6);

        Assert.Equal([3L, 6, 6, 3], set.Images.Images.shape);
        var bytes = set.Images.Images.bytes.ToArray();
        for (var image = 0; image < 2; image++)
            for (var p = 0; p < 36; p++)
                for (var c = 0; c < 3; c++)
                    Assert.InRange(bytes[(image * 36 + p) * 3 + c] - Colour(image + 1)[c], -1, 1);
        var split6 = bytes[(2 * 36 * 3)..];
        for (var row = 0; row < 6; row++)
        {
            Assert.Equal([250, 0, 0], split6[(row * 18)..(row * 18 + 3)]);
            Assert.Equal([0, 0, 250], split6[(row * 18 + 15)..(row * 18 + 18)]);
        }
    }

    [Fact]
    public void Resize_antialiases_when_shrinking()
    {
        using var folder = new TempFolder();
        // A one-pixel checkerboard: point or plain bilinear sampling would keep black and white pixels; an
        // antialiasing shrink (as PIL's resize does) averages them to grey.
        const int side = 16;
        var board = Enumerable.Range(0, side * side)
            .SelectMany(p => Enumerable.Repeat((byte)((p % side + p / side) % 2 == 0 ? 255 : 0), 3)).ToArray();
        Directory.CreateDirectory(Path.Combine(folder.Path, "a"));
        PngWriter.Write(Path.Combine(folder.Path, "a", "board.png"), side, side, PngWriter.Rgb, board);

        using var set = ImageFolder.Load(folder.Path, "train", resizeTo: 5);

        Assert.All(set.Images.Images.bytes.ToArray(), v => Assert.InRange(v, 120, 135));
    }

    [Fact]
    public void A_non_image_file_with_an_image_extension_is_named_in_the_error()
    {
        using var folder = new TempFolder();
        WriteSolid(Path.Combine(folder.Path, "a", "good.png"), 1);
        var bad = Path.Combine(folder.Path, "a", "zz_bad.jpg");
        File.WriteAllText(bad, "<html>a download that failed</html>");

        var error = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(folder.Path, "train"));

        Assert.Contains(bad, error.Message);
    }

    [Fact]
    public void Empty_class_folders_and_folders_without_classes_are_rejected_naming_the_root()
    {
        using var folder = new TempFolder();
        var noClasses = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(folder.Path, "train"));
        Assert.Contains(folder.Path, noClasses.Message);

        WriteSolid(Path.Combine(folder.Path, "full", "1.png"), 1);
        Directory.CreateDirectory(Path.Combine(folder.Path, "empty"));
        File.WriteAllText(Path.Combine(folder.Path, "empty", "labels.csv"), "1,2");
        var emptyClass = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(folder.Path, "train"));
        Assert.Contains(folder.Path, emptyClass.Message);
        Assert.Contains("'empty'", emptyClass.Message);

        var missing = Path.Combine(folder.Path, "nowhere");
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.Load(missing, "train")).Message);
    }
}
