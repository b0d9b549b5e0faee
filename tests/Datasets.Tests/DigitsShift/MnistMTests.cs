using Daft.Datasets.DigitsShift;
using Daft.Datasets.Fetch;
using Daft.Datasets.Formats;
using Daft.Datasets.Images;
using Daft.Tests.Support;
using SkiaSharp;

namespace Daft.Datasets.Tests.DigitsShift;

public class MnistMTests
{
    /// <summary>A 40x30 photo whose pixel (x, y) is (x, y, x + y), so a patch's offset can be read off its pixels.</summary>
    static RgbPixels Gradient()
    {
        var data = new byte[40 * 30 * 3];
        for (var y = 0; y < 30; y++)
            for (var x = 0; x < 40; x++)
                (data[(y * 40 + x) * 3], data[(y * 40 + x) * 3 + 1], data[(y * 40 + x) * 3 + 2]) = ((byte)x, (byte)y, (byte)(x + y));
        return new RgbPixels(40, 30, data);
    }

    static byte[] Digits(int count) => [.. Enumerable.Range(0, count * 784).Select(i => (byte)(i % 784 < 392 ? 0 : i % 7 == 0 ? 0 : 30))];

    [Fact]
    public void Each_image_is_the_absolute_difference_of_a_photo_patch_and_the_binarised_digit()
    {
        var photo = Gradient();
        var digits = Digits(3);

        var images = MnistM.Blend(digits, 3, [photo], stream: 0);

        for (var i = 0; i < 3; i++)
        {
            // The top-left pixel is background (digit 0), so it is the patch's corner: its offset.
            var (x, y) = (images[i * 2352], images[i * 2352 + 1]);
            Assert.InRange(x, 0, 40 - 28 - 1); // randint(0, W - 28) excludes W - 28
            Assert.InRange(y, 0, 30 - 28 - 1);
            for (var p = 0; p < 784; p++)
            {
                var (row, col) = (p / 28, p % 28);
                var ink = digits[i * 784 + p] > 0 ? 255 : 0;
                Assert.Equal(Math.Abs(x + col - ink), images[i * 2352 + p * 3]);
                Assert.Equal(Math.Abs(y + row - ink), images[i * 2352 + p * 3 + 1]);
                Assert.Equal(Math.Abs(x + col + y + row - ink), images[i * 2352 + p * 3 + 2]);
            }
        }
    }

    [Fact]
    public void The_draws_depend_on_the_split_and_index_only()
    {
        var photos = new[] { Gradient(), Gradient() };
        var digits = Digits(50);

        var all = MnistM.Blend(digits, 50, photos, stream: 1);
        var firstTen = MnistM.Blend(digits[..(10 * 784)], 10, photos, stream: 1);
        var otherSplit = MnistM.Blend(digits, 50, photos, stream: 0);

        Assert.Equal(all[..(10 * 2352)], firstTen);
        Assert.NotEqual(all, otherSplit);
    }

    [Fact]
    public void Build_writes_npy_files_and_refuses_outputs_whose_digest_is_not_the_pinned_one()
    {
        using var temp = new TempFolder();
        WriteTinyInputs(temp.Path, count: 4);

        var error = Assert.Throws<FetchException>(() => MnistM.Build(temp.Path, SilentProgress.Instance));
        MnistM.Build(temp.Path, SilentProgress.Instance, new Dictionary<string, string>());

        Assert.Contains("came out with sha256", error.Message);
        var header = NpyFormat.ReadHeader(Path.Combine(temp.Path, MnistM.Folder, "train_images.npy"));
        Assert.Equal("|u1", header.Descr);
        Assert.Equal([4, 28, 28, 3], header.Shape);
        var labels = NpyFormat.ReadHeader(Path.Combine(temp.Path, MnistM.Folder, "test_labels.npy"));
        Assert.Equal(new long[] { 4 }, labels.Shape);
    }

    /// <summary>Four-image MNIST IDX files and the photographs as 64x64 PNGs, under <paramref name="root"/>.</summary>
    static void WriteTinyInputs(string root, int count)
    {
        foreach (var (images, labels) in MnistM.Splits.Select(s => (s.Images, s.Labels)))
        {
            IdxWriter.Write(Path.Combine(root, images), IdxFile.ImagesMagic, [count, 28, 28], Digits(count));
            IdxWriter.Write(Path.Combine(root, labels), IdxFile.LabelsMagic, [count], [.. Enumerable.Range(0, count).Select(i => (byte)i)]);
        }
        foreach (var name in Photographs.Files)
        {
            var path = Path.Combine(root, Photographs.Folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var bitmap = new SKBitmap(64, 64);
            bitmap.Erase(new SKColor(200, 100, 50));
            using var data = bitmap.Encode(name.EndsWith(".png") ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, 90);
            File.WriteAllBytes(path, data.ToArray());
        }
    }

}
