using Daft.Datasets.Fetch;
using Daft.Shared.Datasets;

namespace Daft.Datasets.Sources;

/// <summary>
/// The publicly downloadable datasets of the DAFT paper's CIFAR-10 experiment, from their publishers, with the
/// publishers' checksums (torchvision's for STL-10, Zenodo's for CIFAR-10-C, the CIFAR-10.1 repository's git
/// blob ids for its images). Layouts are those the readers in the GpuNode expect (daft-spec §3).
/// </summary>
public static class PaperSources
{
    const long CifarBatchBytes = 10_000 * 3_073;

    public static readonly DownloadedSource Cifar10 = new("cifar10",
        "CIFAR-10, binary version (60,000 32x32 images, 10 classes; Krizhevsky 2009)",
        "https://www.cs.toronto.edu/~kriz/cifar.html",
        [new(new RemoteFile("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", "cifar-10-binary.tar.gz", 170_052_171,
            Checksum.Md5("c32a1d4ab5d03f1284b67883e8d87530")), ArchiveKind.TarGz, Archives.KeepAll)],
        [
            .. Enumerable.Range(1, 5).Select(i => new ExpectedFile($"cifar-10-batches-bin/data_batch_{i}.bin", CifarBatchBytes)),
            new ExpectedFile("cifar-10-batches-bin/test_batch.bin", CifarBatchBytes),
        ]);

    const string Cifar101Raw = "https://github.com/modestyachts/CIFAR-10.1/raw/master/datasets/";

    public static readonly DownloadedSource Cifar101 = new("cifar10.1",
        "CIFAR-10.1 v4 and v6 (2,021 / 2,000 new CIFAR-10-like test images; Recht et al. 2018)",
        "https://github.com/modestyachts/CIFAR-10.1",
        [
            Npy("cifar10.1_v4_data.npy", Checksum.GitBlob("1094f59a54cf768f7b1ca5029eb4a94b8c635ebe")),
            Npy("cifar10.1_v4_labels.npy", Checksum.Sha256("1f9544300ded199539b6662364ce7fe6c2e1ea9f87408f06db4b1a6184cffb18")),
            Npy("cifar10.1_v6_data.npy", Checksum.GitBlob("24349cc5f3fb59648d75cd8015b5a184b1f5c250")),
            Npy("cifar10.1_v6_labels.npy", Checksum.Sha256("ae40beda001693674edc94d925ee8268cfe68905f8f9aff800c8dcdfcd6c9448")),
        ],
        [
            new("cifar10.1/cifar10.1_v4_data.npy", null, Checksum.GitBlob("1094f59a54cf768f7b1ca5029eb4a94b8c635ebe")),
            new("cifar10.1/cifar10.1_v4_labels.npy", 8_212, Checksum.Sha256("1f9544300ded199539b6662364ce7fe6c2e1ea9f87408f06db4b1a6184cffb18")),
            new("cifar10.1/cifar10.1_v6_data.npy", null, Checksum.GitBlob("24349cc5f3fb59648d75cd8015b5a184b1f5c250")),
            new("cifar10.1/cifar10.1_v6_labels.npy", 8_128, Checksum.Sha256("ae40beda001693674edc94d925ee8268cfe68905f8f9aff800c8dcdfcd6c9448")),
        ]);

    /// <summary>One CIFAR-10-C file: 50,000 uint8 32x32x3 images behind a 128-byte .npy header.</summary>
    const long CorruptionBytes = 128 + 50_000L * 3_072;

    public static readonly DownloadedSource Cifar10C = new("cifar10-c",
        "CIFAR-10-C (the CIFAR-10 test set under 15 corruptions at 5 severities; Hendrycks and Dietterich 2019), 2.9 GB",
        "https://zenodo.org/records/2535967",
        [new(new RemoteFile("https://zenodo.org/records/2535967/files/CIFAR-10-C.tar", "CIFAR-10-C.tar", 2_918_471_680,
            Checksum.Md5("56bf5dcef84df0e2308c6dcbcbbd8499")), ArchiveKind.Tar, Archives.KeepAll)],
        [
            .. Cifar10CCorruptions.All.Select(c => new ExpectedFile($"CIFAR-10-C/{c}.npy", CorruptionBytes)),
            new ExpectedFile("CIFAR-10-C/labels.npy"),
        ]);

    static readonly HashSet<string> Stl10Kept = new(StringComparer.Ordinal)
    {
        "stl10_binary/test_X.bin", "stl10_binary/test_y.bin", "stl10_binary/train_X.bin", "stl10_binary/train_y.bin",
        "stl10_binary/class_names.txt", "stl10_binary/fold_indices.txt",
    };

    public static readonly DownloadedSource Stl10 = new("stl10",
        "STL-10, binary version (test split: 8,000 96x96 images; Coates et al. 2011); the 2.7 GB unlabeled split is not kept",
        "https://cs.stanford.edu/~acoates/stl10/",
        [new(new RemoteFile("http://ai.stanford.edu/~acoates/stl10/stl10_binary.tar.gz", "stl10_binary.tar.gz", null,
            Checksum.Md5("91f7769df0f17e558f3565bffb0c7dfb")), ArchiveKind.TarGz, entry => Stl10Kept.Contains(entry) ? entry : null)],
        [
            new("stl10_binary/test_X.bin", 8_000L * 27_648, Checksum.Md5("7f263ba9f9e0b06b93213547f721ac82")),
            new("stl10_binary/test_y.bin", 8_000, Checksum.Md5("36f9794fa4beb8a2c72628de14fa638e")),
            new("stl10_binary/train_X.bin", 5_000L * 27_648, Checksum.Md5("918c2871b30a85fa023e0c44e0bee87f")),
            new("stl10_binary/train_y.bin", 5_000, Checksum.Md5("5a34089d4802c674881badbb80307741")),
        ]);

    static Download Npy(string name, Checksum checksum) =>
        new(new RemoteFile(Cifar101Raw + name, name, null, checksum), ArchiveKind.None, _ => $"cifar10.1/{name}");
}
