using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Readers;

/// <summary>
/// Reads the STL-10 binary version (https://cs.stanford.edu/~acoates/stl10/) as DAFT's CIFAR-10 OOD set
/// (<c>datasets/stl_cifar_style.py</c>): <c>stl10_binary/test_X.bin</c>, 96x96 images stored per image as the R, G
/// and B planes, each plane column-major (byte <c>col·96 + row</c>), and <c>test_y.bin</c>, one byte per image, labels
/// 1..10. Labels become 0-based and are mapped to CIFAR-10 classes; monkey has no CIFAR-10 class and is dropped, so
/// the 8,000 test images become 7,200.
/// </summary>
public static class Stl10
{
    public const string FolderName = "stl10_binary";
    public const string TestImagesFile = "test_X.bin";
    public const string TestLabelsFile = "test_y.bin";
    public const string SetName = "stl10";
    public const int Side = 96;
    const int BytesPerImage = 3 * Side * Side;

    /// <summary>STL-10 class index → CIFAR-10 class index; −1 drops the class. STL-10: airplane, bird, car, cat,
    /// deer, dog, horse, monkey, ship, truck. CIFAR-10: airplane, automobile, bird, cat, deer, dog, frog, horse, ship,
    /// truck.</summary>
    public static readonly IReadOnlyList<long> ToCifar10 = [0, 2, 1, 3, 4, 5, 7, -1, 8, 9];

    /// <summary>The test split from <c>DATA_ROOT/stl10_binary/</c>, relabelled to CIFAR-10 (10 classes, 96x96).</summary>
    public static ImageSet LoadTestAsCifar10(string dataRoot, string setName = SetName) =>
        Load(Path.Combine(dataRoot, FolderName), "test", cifar10Labels: true, setName);

    /// <summary>Split <paramref name="split"/> (<c>train</c> or <c>test</c>) from <paramref name="folder"/>: with
    /// <paramref name="cifar10Labels"/> relabelled to CIFAR-10's classes with monkey dropped, else STL-10's own 10.</summary>
    public static ImageSet Load(string folder, string split, bool cifar10Labels, string setName)
    {
        folder = Path.GetFullPath(folder);
        var imagesPath = Path.Combine(folder, $"{split}_X.bin");
        var labelsPath = Path.Combine(folder, $"{split}_y.bin");
        NpyImages.RequireFiles("STL-10",
            $"Download stl10_binary.tar.gz from https://cs.stanford.edu/~acoates/stl10/ and extract it so that '{folder}' holds "
            + "the .bin files, or run `daft data fetch stl10`.",
            imagesPath, labelsPath);
        var (images, labels) = ReadBinary(imagesPath, labelsPath);
        if (!cifar10Labels)
            return new ImageSet(setName, images, labels, ToCifar10.Count);
        using (images)
        using (labels)
        {
            using var map = tensor(ToCifar10.ToArray(), ScalarType.Int64);
            using var mapped = map.index_select(0, labels);
            using var keepMask = mapped.ge(0);
            using var keep = keepMask.nonzero().squeeze(1);
            return new ImageSet(setName, images.index_select(0, keep), mapped.index_select(0, keep), ToCifar10.Count);
        }
    }

    /// <summary>Images as uint8 <c>[N, 96, 96, 3]</c> (HWC) and their STL-10 labels as 0-based int64 <c>[N]</c>.</summary>
    public static (Tensor Images, Tensor Labels) ReadBinary(string imagesPath, string labelsPath)
    {
        NpyImages.RequireFiles("STL-10", "Both the image and the label file of a split are needed.", imagesPath, labelsPath);
        var imageBytes = new FileInfo(imagesPath).Length;
        var count = new FileInfo(labelsPath).Length;
        if (imageBytes % BytesPerImage != 0 || imageBytes / BytesPerImage != count)
            throw new InvalidDataException(
                $"'{imagesPath}' has {imageBytes} bytes and '{labelsPath}' has {count}; expected {BytesPerImage} bytes per image "
                + $"(3 planes of {Side}x{Side}) and one label byte per image, i.e. {count * BytesPerImage} image bytes for {count} labels. "
                + "A file is truncated or is not STL-10 binary.");
        using var raw = empty([count, 3, Side, Side], ScalarType.Byte);
        using (var stream = File.OpenRead(imagesPath))
            stream.ReadExactly(raw.bytes);
        using var labelBytes = empty([count], ScalarType.Byte);
        using (var stream = File.OpenRead(labelsPath))
            stream.ReadExactly(labelBytes.bytes);
        using var oneBased = labelBytes.to_type(ScalarType.Int64);
        LabelRange.Check(oneBased, 1, ToCifar10.Count, labelsPath, "STL-10 (1-based)");
        // Each plane is column-major, so the view's last two axes are (col, row): (N, C, W, H) → (N, H, W, C).
        var images = raw.permute(0, 3, 2, 1).contiguous();
        return (images, oneBased.sub(1));
    }
}
