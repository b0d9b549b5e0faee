using System.IO.Compression;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data;

/// <summary>
/// The UCI optical handwritten digits (the copy scikit-learn ships, 1,797 images of 8x8, values 0..16; see
/// samples/README.md), small enough to live in the repository so a fresh machine runs a job with no download.
/// Pixels are scaled 0..16 to 0..255 and expanded to 3 channels. Split (fixed, class-stratified): within each
/// class, in file order, every 4th image (the 4th, 8th, ...) is the test split (445 images), the rest train (1,352).
/// The datasets built on it (<c>digits</c>, <c>digits_inverted</c>, the OOD set of <c>digits_shift</c>) are
/// configs/datasets/*.yaml; the inverted ones use the readers' <c>invert</c> option.
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

    /// <summary>
    /// Split <paramref name="split"/> of the CSV at <paramref name="relativePath"/> under the data root (else the
    /// repository's sample copy): <c>train</c> and <c>test</c> are the fixed stratified split (<see cref="StratifiedSplit"/>),
    /// <c>all</c> every row in file order.
    /// </summary>
    public static ImageSet LoadSplit(string dataRoot, string relativePath, string split, string setName)
    {
        using var all = Read(Locate(dataRoot, relativePath));
        if (split == "all")
            return all.Subset(setName, [.. Enumerable.Range(0, all.Count).Select(i => (long)i)]);
        var (trainRows, testRows) = StratifiedSplit(all.Labels.data<long>().ToArray());
        return all.Subset(setName, split == "train" ? trainRows : testRows);
    }

    /// <summary><c>&lt;dataRoot&gt;/&lt;relativePath&gt;</c> (default <c>digits/digits.csv.gz</c>) if it exists, else
    /// the repository's sample copy found above <paramref name="sampleSearchStarts"/> (default <see cref="SampleFiles.SearchStarts"/>).</summary>
    public static string Locate(string dataRoot, string relativePath = RelativePath, IReadOnlyList<string>? sampleSearchStarts = null)
    {
        var starts = sampleSearchStarts ?? SampleFiles.SearchStarts;
        var underRoot = Path.GetFullPath(Path.Combine(dataRoot, relativePath));
        if (File.Exists(underRoot))
            return underRoot;
        return SampleFiles.Find(relativePath, starts) ?? throw new FileNotFoundException(
            $"Digits not found: looked for '{underRoot}', then for '{SampleFiles.FolderName}/{relativePath}' in every folder above "
            + $"{string.Join(" and ", starts.Select(s => $"'{s}'"))}. The file ships in the Daft repository "
            + $"(samples/{RelativePath}); copy it to '{underRoot}', run from inside a checkout, or run `daft data fetch sklearn-digits`.", underRoot);
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
