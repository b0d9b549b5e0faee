using System.IO.Compression;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data;

/// <summary>
/// The UCI optical handwritten digits (the copy scikit-learn ships, 1,797 images of 8x8, values 0..16; see
/// samples/README.md), small enough to live in the repository so a fresh machine runs a job with no download.
/// Pixels are scaled 0..16 to 0..255 and expanded to 3 channels. Split (fixed, class-stratified): within each
/// class, in file order, every 4th image (the 4th, 8th, ...) is <c>id_val</c> (445 images), the rest train (1,352).
/// OOD: <c>digits_inverted</c>, the <c>id_val</c> images with intensities inverted (255 - x), a synthetic shift of
/// real images. The catalog also offers <c>digits_inverted</c> as a dataset of its own (see <see cref="LoadInverted"/>).
/// </summary>
public static class Digits
{
    /// <summary>Path under a data root and under the repository's samples/ folder.</summary>
    public const string RelativePath = "digits/digits.csv.gz";
    public const int Side = 8;
    public const int NumClasses = 10;
    public const int MaxValue = 16;
    /// <summary>Every <c>ValEvery</c>-th image of a class goes to <c>id_val</c>: a 25% test split, as sklearn's
    /// <c>train_test_split</c> default.</summary>
    public const int ValEvery = 4;
    public const string InvertedName = "digits_inverted";

    public static DatasetSplits Load(string dataRoot, string name = "digits")
    {
        using var all = Read(Locate(dataRoot));
        var (trainRows, valRows) = StratifiedSplit(all.Labels.data<long>().ToArray());
        var train = all.Subset("train", trainRows);
        var idVal = all.Subset(DatasetSplits.IdValName, valRows);
        return new DatasetSplits(name, train, idVal, [Inverted(idVal, InvertedName)]);
    }

    /// <summary>
    /// The transfer target of the quickstart: the same split with every image inverted (light digits on dark
    /// become dark on light), so train, <c>id_val</c> and the OOD set <c>digits</c> (the original id_val images)
    /// differ only by the intensity shift that BN conversion is meant to absorb.
    /// </summary>
    public static DatasetSplits LoadInverted(string dataRoot, string name = InvertedName)
    {
        using var original = Load(dataRoot);
        var train = Inverted(original.Train, "train");
        var idVal = Inverted(original.IdVal, DatasetSplits.IdValName);
        var source = original.IdVal.Subset("digits", [.. Enumerable.Range(0, original.IdVal.Count).Select(i => (long)i)]);
        return new DatasetSplits(name, train, idVal, [source]);
    }

    // For uint8, bitwise NOT is exactly 255 - x.
    static ImageSet Inverted(ImageSet set, string name) => new(name, set.Images.bitwise_not(), set.Labels.clone(), set.NumClasses);

    /// <summary><c>&lt;dataRoot&gt;/digits/digits.csv.gz</c> if it exists, else the repository's sample copy found
    /// above <paramref name="sampleSearchStarts"/> (default <see cref="SampleFiles.SearchStarts"/>).</summary>
    public static string Locate(string dataRoot, IReadOnlyList<string>? sampleSearchStarts = null)
    {
        var starts = sampleSearchStarts ?? SampleFiles.SearchStarts;
        var underRoot = Path.GetFullPath(Path.Combine(dataRoot, RelativePath));
        if (File.Exists(underRoot))
            return underRoot;
        return SampleFiles.Find(RelativePath, starts) ?? throw new FileNotFoundException(
            $"Digits not found: looked for '{underRoot}', then for '{SampleFiles.FolderName}/{RelativePath}' in every folder above "
            + $"{string.Join(" and ", starts.Select(s => $"'{s}'"))}. The file ships in the Daft repository "
            + $"(samples/{RelativePath}); copy it to '{underRoot}' or run from inside a checkout.", underRoot);
    }

    /// <summary>Reads the whole CSV (64 pixel columns, row-major 8x8, then the label) as one set named "all".</summary>
    public static ImageSet Read(string path)
    {
        var pixels = new List<byte>(1797 * Side * Side);
        var labels = new List<long>(1797);
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress)))
        {
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (line.Length == 0)
                    continue;
                var fields = line.Split(',');
                if (fields.Length != Side * Side + 1)
                    throw new InvalidDataException($"'{path}' line {lineNumber}: {fields.Length} columns, expected {Side * Side} pixels and a label.");
                for (var i = 0; i < Side * Side; i++)
                    pixels.Add(Scale(ParseInt(fields[i], 0, MaxValue, path, lineNumber, $"pixel {i}")));
                labels.Add(ParseInt(fields[^1], 0, NumClasses - 1, path, lineNumber, "label"));
            }
        }
        if (labels.Count == 0)
            throw new InvalidDataException($"'{path}' holds no images.");
        using var gray = tensor(pixels.ToArray(), [labels.Count, Side, Side, 1]);
        var images = gray.expand(labels.Count, Side, Side, 3).contiguous();
        return new ImageSet("all", images, tensor(labels.ToArray()), NumClasses);
    }

    /// <summary>Rows of each split, in file order: within each class the <c>k</c>-th image (from 0) is id_val when
    /// <c>k % ValEvery == ValEvery - 1</c>.</summary>
    public static (List<long> Train, List<long> IdVal) StratifiedSplit(IReadOnlyList<long> labels)
    {
        var seen = new int[NumClasses];
        List<long> train = [], idVal = [];
        for (var row = 0; row < labels.Count; row++)
        {
            var k = seen[labels[row]]++;
            (k % ValEvery == ValEvery - 1 ? idVal : train).Add(row);
        }
        return (train, idVal);
    }

    /// <summary>0..16 to 0..255, rounding half up: round(v * 255 / 16).</summary>
    static byte Scale(int value) => (byte)((value * 255 + MaxValue / 2) / MaxValue);

    static int ParseInt(string text, int min, int max, string path, int line, string what)
    {
        if (!int.TryParse(text, out var value) || value < min || value > max)
            throw new InvalidDataException($"'{path}' line {line}: {what} is '{text}', expected an integer in {min}..{max}.");
        return value;
    }
}
