using Daft.Datasets.Formats;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Readers;

/// <summary>
/// Reads MNIST and Fashion-MNIST in their published IDX format (<see cref="IdxFile"/>), gzipped or not.
/// Grayscale images are expanded to 3 channels.
/// Pixels are read straight into the tensor's memory, so the 60,000 training images load in a fraction of a second.
/// </summary>
public static class Idx
{
    public const int ImagesMagic = IdxFile.ImagesMagic;
    public const int LabelsMagic = IdxFile.LabelsMagic;
    public const int NumClasses = 10;
    public const string TrainImages = "train-images-idx3-ubyte";
    public const string TrainLabels = "train-labels-idx1-ubyte";
    public const string TestImages = "t10k-images-idx3-ubyte";
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>Split <paramref name="split"/> (<c>train</c>: the train files; <c>test</c>: the t10k files) from
    /// <paramref name="folder"/>, each file either plain or with a <c>.gz</c> suffix.</summary>
    public static ImageSet LoadSplit(string folder, string split, string setName)
    {
        folder = Path.GetFullPath(folder);
        string[] baseNames = split == "train" ? [TrainImages, TrainLabels] : [TestImages, TestLabels];
        var found = baseNames.Select(b => Find(folder, b)).ToList();
        var missing = baseNames.Where((_, i) => found[i] is null).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"Split '{setName}' not found: in '{folder}' there is no {string.Join(", ", missing.Select(m => $"'{m}' or '{m}.gz'"))}. "
                + $"Put the IDX files ({string.Join(", ", baseNames)}, gzipped or not) in that folder. "
                + "`daft data fetch mnist` (or fashion-mnist) downloads them.",
                Path.Combine(folder, missing[0]));
        return Load(setName, found[0]!, found[1]!);
    }

    /// <summary>The plain file <paramref name="baseName"/> in <paramref name="folder"/>, else its <c>.gz</c>,
    /// else null.</summary>
    public static string? Find(string folder, string baseName)
    {
        var plain = Path.Combine(folder, baseName);
        if (File.Exists(plain))
            return plain;
        var gz = plain + ".gz";
        return File.Exists(gz) ? gz : null;
    }

    /// <summary>One set from an image file and a label file whose counts must agree.</summary>
    public static ImageSet Load(string setName, string imagesPath, string labelsPath)
    {
        using var gray = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        var labelCount = labels.shape[0];
        if (labelCount != gray.shape[0])
        {
            labels.Dispose();
            throw new InvalidDataException(
                $"'{imagesPath}' holds {gray.shape[0]} images but '{labelsPath}' holds {labelCount} labels; they must pair up one to one.");
        }
        using var channel = gray.unsqueeze(3);
        var rgb = channel.expand(-1, -1, -1, 3).contiguous();
        return new ImageSet(setName, rgb, labels, NumClasses);
    }

    /// <summary>An IDX image file as uint8 <c>[N, rows, cols]</c>.</summary>
    public static Tensor ReadImages(string path) => Read(path, ImagesMagic);

    /// <summary>An IDX label file as int64 <c>[N]</c>, each checked to be in 0..9.</summary>
    public static Tensor ReadLabels(string path)
    {
        using var bytes = Read(path, LabelsMagic);
        var labels = bytes.to_type(ScalarType.Int64);
        try
        {
            LabelRange.Check(labels, 0, NumClasses - 1, path, "MNIST / Fashion-MNIST");
            return labels;
        }
        catch
        {
            labels.Dispose();
            throw;
        }
    }

    static Tensor Read(string path, int magic)
    {
        Tensor? tensor = null;
        try
        {
            IdxFile.Read(path, magic, dims =>
            {
                tensor = empty(dims, ScalarType.Byte);
                return tensor.bytes;
            });
            return tensor!;
        }
        catch
        {
            tensor?.Dispose();
            throw;
        }
    }
}
