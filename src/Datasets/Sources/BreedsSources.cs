using Daft.Datasets.Breeds;
using Daft.Datasets.Fetch;

namespace Daft.Datasets.Sources;

/// <summary>
/// What the BREEDS benchmarks (Living-17, Entity-30) read: the class hierarchy of MadryLab/BREEDS-Benchmarks,
/// pinned to its last commit with the sha256 of each file, and ImageNet, which its licence keeps a manual step.
/// </summary>
public static class BreedsSources
{
    /// <summary>BREEDS-Benchmarks' last commit ("Fix target dataset", 2020-08-14), so the digests cannot drift.</summary>
    const string Commit = "f83be509107e89f41dde0e4e8e7f8be051fbb891";

    const string Raw = $"https://raw.githubusercontent.com/MadryLab/BREEDS-Benchmarks/{Commit}/imagenet_class_hierarchy/modified/";

    static readonly (string Name, long Size, string Sha256)[] Files =
    [
        (HierarchyFiles.ClassInfoFile, 44_565, "be90503d57a001f95e094a81dc4de90772bfc58546ca58061d6474799829afd0"),
        (HierarchyFiles.EdgesFile, 26_318, "039cfaddf9732855b93f7899ba4b5ba6d80f8dbe15cfaad566f575b6c8ce0216"),
        (HierarchyFiles.NamesFile, 40_652, "322af45711ed69a7b199f11225bd964c7dae71df3c586498bef2f7c9e031dedb"),
    ];

    public static readonly DownloadedSource Hierarchy = new("breeds-hierarchy",
        "BREEDS class hierarchy (ImageNet classes under a calibrated WordNet tree; Santurkar et al. 2020), 3 files, 112 KB",
        "https://github.com/MadryLab/BREEDS-Benchmarks",
        [.. Files.Select(f => new Download(new RemoteFile(Raw + f.Name, f.Name, f.Size, Checksum.Sha256(f.Sha256)),
            ArchiveKind.None, _ => $"{BreedsBenchmarks.HierarchyFolder}/{f.Name}"))],
        [.. Files.Select(f => new ExpectedFile($"{BreedsBenchmarks.HierarchyFolder}/{f.Name}", f.Size, Checksum.Sha256(f.Sha256)))]);

    public static readonly ManualSource ImageNet = new("imagenet",
        "ImageNet ILSVRC2012 train and val (1.28 M + 50,000 images, 1,000 classes; Russakovsky et al. 2015), for BREEDS",
        "ImageNet's licence needs an account, so Daft cannot download it. Sign in at https://image-net.org/download.php "
        + "and download ILSVRC2012_img_train.tar (138 GiB) and ILSVRC2012_img_val.tar (6.3 GiB). Unpack train so that "
        + "DATA_ROOT/imagenet/train/<wnid>/*.JPEG (the tar holds one tar per wnid: unpack each into its folder). Unpack val "
        + "into DATA_ROOT/imagenet/val/ and sort it into one sub-folder per wnid, 50 images each: the widely used "
        + "valprep.sh (https://raw.githubusercontent.com/soumith/imagenetloader.torch/master/valprep.sh, run inside val/) "
        + "does that. Living-17 and Entity-30 read only their own classes; `daft data check imagenet` lists what they miss.",
        (dataRoot, _) => ImageNetProblems(dataRoot), [Hierarchy.Name]);

    /// <summary>What Living-17 and Entity-30 miss in <c>DATA_ROOT/imagenet</c>, using the hierarchy under the root.</summary>
    static IEnumerable<string> ImageNetProblems(string dataRoot)
    {
        var (benchmarks, error) = Benchmarks(dataRoot);
        if (error is null)
            return ImageNetProblems(dataRoot, benchmarks);
        return [
            $"cannot tell which ImageNet classes Living-17 and Entity-30 use ({error}); fetch `{Hierarchy.Name}` first",
            .. new[] { ImageNetSplit.Train, ImageNetSplit.Val }
                .Select(s => ImageNetClassFolders.Survey(ImageNetClassFolders.SplitFolder(dataRoot, s), s, []))
                .Where(s => !s.Exists).SelectMany(s => s.Problems("")),
        ];
    }

    /// <summary>What <paramref name="benchmarks"/> (title and split) miss in both ImageNet splits: absent class
    /// folders and image counts the loader rejects, each kind as one sentence with the first few wnids.</summary>
    internal static IEnumerable<string> ImageNetProblems(string dataRoot, IReadOnlyList<(string Title, BreedsSplit Split)> benchmarks)
    {
        var wnids = benchmarks.SelectMany(b => b.Split.AllSubclasses).Distinct(StringComparer.Ordinal).ToList();
        var usedBy = string.Join(" and ", benchmarks.Select(b => b.Title));
        return new[] { ImageNetSplit.Train, ImageNetSplit.Val }.SelectMany(split =>
            ImageNetClassFolders.Survey(ImageNetClassFolders.SplitFolder(dataRoot, split), split, wnids).Problems(usedBy));
    }

    static (List<(string, BreedsSplit)> Benchmarks, string? Error) Benchmarks(string dataRoot)
    {
        try
        {
            var hierarchy = ClassHierarchy.Load(Path.Combine(dataRoot, BreedsBenchmarks.HierarchyFolder));
            return ([.. BreedsBenchmarks.All.Select(b => (BreedsBenchmarks.Title(b), BreedsBenchmarks.Make(b, hierarchy)))], null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or KeyNotFoundException or ArgumentException)
        {
            return ([], e.Message);
        }
    }
}
