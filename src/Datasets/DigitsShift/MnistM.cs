using System.Security.Cryptography;
using Daft.Datasets.Fetch;
using Daft.Datasets.Formats;
using Daft.Datasets.Images;

namespace Daft.Datasets.DigitsShift;

/// <summary>
/// Builds MNIST-M (Ganin et al., "Domain-Adversarial Training of Neural Networks", 2016) from MNIST and colour
/// photographs, as the widely used <c>create_mnistm.py</c> does: each digit is binarised (pixel &gt; 0 → 255),
/// a 28×28 patch is cut from a random photograph at a random offset (<c>randint(0, W − 28)</c>, so the last column
/// and row are never a patch's corner), and the image is the per-channel absolute difference |patch − digit|.
/// The draws come from <see cref="SplitMix"/> keyed by (split, image index) with a fixed seed, so the files are
/// byte-identical on every machine and for any thread count; <see cref="Sha256"/> pins them.
/// Output under the data root: <c>mnist_m/{train,test}_images.npy</c> (uint8 (N, 28, 28, 3)) and
/// <c>mnist_m/{train,test}_labels.npy</c> (uint8 (N,), MNIST's labels).
/// </summary>
public static class MnistM
{
    public const string Folder = "mnist_m";
    public const int Side = 28;
    const ulong Seed = 0x4D4E4953_544D2D4DUL; // "MNISTM-M"

    /// <summary>The four files and the SHA-256 each must have (taken from the first build, 2026-12-01, and checked on
    /// every build since: a different digest means different inputs or a different decoder).</summary>
    public static readonly IReadOnlyDictionary<string, string> Sha256 = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["train_images.npy"] = "7633b9ce3a8f379fdaf05aec34dfe4b55732af2d89be3433001a21df265a72d2",
        ["train_labels.npy"] = "5dd4d822cab3e20099239bc9d433d587ae3ce00e084d191079dd30b38380b336",
        ["test_images.npy"] = "b5e12471c4c2865bc75ad363830660b4df2c984c8d6c26571f4b03d4137629a9",
        ["test_labels.npy"] = "ff7e84b144c037e7215dfa787d6773550c5db83029d9a4e7bae6e90f605f081d",
    };

    /// <summary>The MNIST files it is built from, under the data root.</summary>
    public static readonly IReadOnlyList<(string Split, string Images, string Labels)> Splits =
    [
        ("train", "mnist/train-images-idx3-ubyte", "mnist/train-labels-idx1-ubyte"),
        ("test", "mnist/t10k-images-idx3-ubyte", "mnist/t10k-labels-idx1-ubyte"),
    ];

    /// <summary>Builds the four files under <paramref name="dataRoot"/> and checks their digests.</summary>
    /// <exception cref="FetchException">An output's digest differs from the pinned one.</exception>
    public static void Build(string dataRoot, IFetchProgress progress) => Build(dataRoot, progress, Sha256);

    /// <summary>Builds from the files under <paramref name="dataRoot"/>, checking each output against
    /// <paramref name="expected"/> (by file name; a file it does not name is not checked).</summary>
    internal static void Build(string dataRoot, IFetchProgress progress, IReadOnlyDictionary<string, string> expected)
    {
        var photos = Photographs.Load(dataRoot);
        var folder = Path.Combine(dataRoot, Folder);
        for (var s = 0; s < Splits.Count; s++)
        {
            var (split, imagesFile, labelsFile) = Splits[s];
            var (dims, digits) = IdxFile.ReadBytes(Path.Combine(dataRoot, imagesFile), IdxFile.ImagesMagic);
            var (_, labels) = IdxFile.ReadBytes(Path.Combine(dataRoot, labelsFile), IdxFile.LabelsMagic);
            if (dims[1] != Side || dims[2] != Side)
                throw new InvalidDataException($"'{imagesFile}' holds {dims[1]}x{dims[2]} images; MNIST's are {Side}x{Side}.");
            var count = (int)dims[0];
            var blended = Blend(digits, count, photos, (ulong)s);
            Write(folder, $"{split}_images.npy", "|u1", [count, Side, Side, 3], blended, expected);
            Write(folder, $"{split}_labels.npy", "|u1", [count], labels, expected);
            progress.Note($"  mnist_m: built {count:N0} {split} images");
        }
    }

    /// <summary>MNIST-M images for <paramref name="count"/> 28×28 digits, uint8 HWC.</summary>
    internal static byte[] Blend(byte[] digits, int count, IReadOnlyList<RgbPixels> photos, ulong stream)
    {
        const int pixels = Side * Side;
        var output = new byte[count * pixels * 3];
        Parallel.For(0, count, i =>
        {
            var random = new SplitMix(Seed ^ (stream << 40) ^ (ulong)i);
            var photo = photos[random.Below(photos.Count)];
            var x = random.Below(photo.Width - Side);
            var y = random.Below(photo.Height - Side);
            var target = i * pixels * 3;
            for (var row = 0; row < Side; row++)
            {
                var source = ((y + row) * photo.Width + x) * 3;
                for (var col = 0; col < Side; col++)
                {
                    var digit = digits[i * pixels + row * Side + col] > 0 ? 255 : 0;
                    for (var c = 0; c < 3; c++)
                        output[target++] = (byte)Math.Abs(photo.Data[source + col * 3 + c] - digit);
                }
            }
        });
        return output;
    }

    static void Write(string folder, string name, string descr, long[] shape, byte[] data, IReadOnlyDictionary<string, string> expectedDigests)
    {
        var path = Path.Combine(folder, name);
        NpyFormat.Write(path + ".part", descr, shape, data);
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path + ".part")));
        if (expectedDigests.TryGetValue(name, out var expected) && actual != expected)
        {
            File.Delete(path + ".part");
            throw new FetchException($"MNIST-M's {name} came out with sha256 {actual}, expected {expected}: the inputs "
                + "(MNIST, the photographs) or the image decoder differ from the ones the digest was taken with. Nothing was written.");
        }
        File.Move(path + ".part", path, overwrite: true);
    }
}
