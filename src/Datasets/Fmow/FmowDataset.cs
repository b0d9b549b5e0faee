using Daft.Datasets.Files;

namespace Daft.Datasets.Fmow;

/// <summary>
/// fMoW splits as DAFT's <c>datasets/fmow.py</c> builds them: WILDS's subset of a split, filtered to the region ids
/// given, in WILDS order. DAFT's configs: train <c>train</c> [3] (Americas), ID <c>id_val</c> [3], OOD <c>val</c>
/// [1, 2] and <c>id_val</c> [1, 2] (Europe, Africa), daft-spec §3.
/// </summary>
public static class FmowDataset
{
    /// <summary>One split of fMoW; every image it lists must exist.</summary>
    /// <param name="dataRoot">The data root; everything is under <c>DATA_ROOT/fmow_v1.1/</c>.</param>
    /// <param name="split">train, id_val, id_test, val or test.</param>
    /// <param name="regions">Region ids to keep (WILDS's numbering, <see cref="FmowMetadata.Regions"/>); null keeps all
    /// (DAFT's <c>'all'</c>).</param>
    /// <param name="name">The split's name in results; by default <paramref name="split"/>.</param>
    public static FileSplit Load(string dataRoot, string split, IReadOnlyCollection<int>? regions = null, string? name = null) =>
        Split(FmowMetadata.Load(FmowLayout.Root(dataRoot)), split, regions, name);

    /// <summary>As <see cref="Load"/>, from metadata already read (the published file has hundreds of thousands of
    /// rows, and a job reads four splits of it).</summary>
    public static FileSplit Split(FmowMetadata metadata, string split, IReadOnlyCollection<int>? regions = null, string? name = null)
    {
        var rows = metadata.Subset(split, regions);
        var missing = MissingFiles.Find(rows, metadata.ImagePath);
        if (missing.Count > 0)
        {
            var which = regions is null ? "" : $" regions [{string.Join(", ", regions)}]";
            throw new FileNotFoundException(
                $"fMoW {split}{which}: images of its metadata rows are missing under '{Path.Combine(metadata.Folder, FmowLayout.Images)}': "
                + MissingFiles.Summary(missing, rows.Count, r => FmowLayout.ImageName(r.ImageIndex))
                + $". WILDS reads the image of metadata row N from images/rgb_img_N.png. {FmowLayout.Fix}");
        }
        return new FileSplit(name ?? split, [.. rows.Select(r => new LabeledFile(metadata.ImagePath(r), r.Label))], FmowLayout.Categories);
    }
}
