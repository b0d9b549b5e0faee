using Daft.Datasets.Images;

namespace Daft.Datasets.Breeds;

/// <summary>The ImageNet (ILSVRC2012) split BREEDS images come from.</summary>
public enum ImageNetSplit
{
    Train,
    Val,
}

/// <summary>
/// What one ImageNet split folder (<c>DATA_ROOT/imagenet/train</c> or <c>/val</c>) holds for a set of wnids, with
/// the counts the DAFT / LP-FT loader (<c>datasets/breeds.py</c>) asserts per ImageNet class: at least
/// <see cref="MinTrainImages"/> in train, exactly <see cref="ValImages"/> in val. The listing and the layout check
/// share it, so both say the same about the same folder.
/// </summary>
public sealed class ImageNetClassFolders
{
    /// <summary><c>MIN_NUM_TRAIN_PER_CLASS</c>; ImageNet's train has 732 to 1,300 images per class.</summary>
    public const int MinTrainImages = 100;

    /// <summary><c>NUM_VAL_PER_CLASS</c>; ImageNet's val has 50 of each class, once sorted into class folders.</summary>
    public const int ValImages = 50;

    /// <summary>The loader's <c>IMG_EXTENSIONS</c>, matched on the lower-cased name, so counts match its asserts.
    /// ImageNet's files are all <c>.JPEG</c>; Daft's decoder would refuse a listed .ppm, .pgm or .tif.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif"];

    /// <summary>How many wnids messages name before "and N more".</summary>
    const int Named = 5;

    readonly Dictionary<string, List<string>> _images = new(StringComparer.Ordinal);
    readonly List<string> _missing = [];
    readonly List<(string Wnid, int Count)> _wrongCounts = [];
    int _looseImages;

    ImageNetClassFolders(string folder, ImageNetSplit split)
    {
        Folder = folder;
        Split = split;
    }

    public string Folder { get; }

    public ImageNetSplit Split { get; }

    public bool Exists => Directory.Exists(Folder);

    /// <summary>Whether every wnid has its folder with an accepted image count.</summary>
    public bool IsComplete => Exists && _missing.Count == 0 && _wrongCounts.Count == 0;

    /// <summary>The folder of <paramref name="split"/> under <paramref name="dataRoot"/>: <c>imagenet/train</c>, <c>imagenet/val</c>.</summary>
    public static string SplitFolder(string dataRoot, ImageNetSplit split) =>
        Path.GetFullPath(Path.Combine(dataRoot, "imagenet", split == ImageNetSplit.Train ? "train" : "val"));

    /// <summary>Lists the class folder of each of <paramref name="wnids"/> under <paramref name="folder"/>.</summary>
    public static ImageNetClassFolders Survey(string folder, ImageNetSplit split, IEnumerable<string> wnids)
    {
        var survey = new ImageNetClassFolders(Path.GetFullPath(folder), split);
        if (!survey.Exists)
            return survey;
        foreach (var wnid in wnids.Distinct(StringComparer.Ordinal))
        {
            var classFolder = Path.Combine(survey.Folder, wnid);
            if (!Directory.Exists(classFolder))
            {
                survey._missing.Add(wnid);
                continue;
            }
            var images = ImagesInLoaderOrder(classFolder);
            survey._images[wnid] = images;
            if (split == ImageNetSplit.Train ? images.Count < MinTrainImages : images.Count != ValImages)
                survey._wrongCounts.Add((wnid, images.Count));
        }
        if (survey._images.Count == 0)
            survey._looseImages = Directory.EnumerateFiles(survey.Folder).Count(IsImage);
        return survey;
    }

    /// <summary>The images of a surveyed wnid, in the loader's order.</summary>
    public IReadOnlyList<string> Images(string wnid) => _images[wnid];

    /// <summary>Each problem as a sentence naming the folder, the counts and the first few wnids;
    /// <paramref name="usedBy"/> says who needs the classes ("this split", "Living-17 and Entity-30").</summary>
    public IEnumerable<string> Problems(string usedBy)
    {
        var name = Split == ImageNetSplit.Train ? "train" : "val";
        if (!Exists)
        {
            yield return $"missing '{Folder}' (ImageNet ILSVRC2012 {name}, one sub-folder of images per wnid)";
            yield break;
        }
        var total = _missing.Count + _images.Count;
        if (_looseImages > 0 && Split == ImageNetSplit.Val)
            yield return $"'{Folder}' holds {_looseImages:N0} images directly but none of the {total} class folders used by {usedBy}: "
                + "val must be sorted into one sub-folder per wnid (e.g. with valprep.sh of soumith/imagenetloader.torch)";
        else if (_missing.Count > 0)
            yield return $"'{Folder}' lacks {_missing.Count} of the {total} class folders used by {usedBy}: {Few(_missing)}";
        if (_wrongCounts.Count > 0)
            yield return $"'{Folder}': {_wrongCounts.Count} class folder(s) used by {usedBy} "
                + (Split == ImageNetSplit.Train
                    ? $"hold fewer than {MinTrainImages} images, the least the reference loader accepts per train class"
                    : $"do not hold exactly {ValImages} images, as the reference loader asserts per val class")
                + $": {Few(_wrongCounts.Select(w => $"{w.Wnid} ({w.Count})"), _wrongCounts.Count)}"
                + " (an incomplete extraction, or the wrong files in those folders)";
    }

    static string Few(IReadOnlyCollection<string> items) => Few(items, items.Count);

    static string Few(IEnumerable<string> items, int count) =>
        string.Join(", ", items.Take(Named)) + (count > Named ? $" and {count - Named} more" : "");

    /// <summary>The loader's <c>get_image_paths_breeds_class</c>: <c>sorted(os.walk(class_dir))</c>, then each
    /// folder's file names sorted, keeping <see cref="Extensions"/>.</summary>
    static List<string> ImagesInLoaderOrder(string classFolder) =>
        [.. ImageFolderScan.FoldersInWalkOrder(classFolder).SelectMany(f => Directory.GetFiles(f).Where(IsImage).Order(StringComparer.Ordinal))];

    static bool IsImage(string path) =>
        Path.GetFileName(path).ToLowerInvariant() is var name && Extensions.Any(e => name.EndsWith(e, StringComparison.Ordinal));
}
