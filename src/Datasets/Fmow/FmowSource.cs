using Daft.Datasets.Files;
using Daft.Datasets.Sources;

namespace Daft.Datasets.Fmow;

/// <summary>fMoW-WILDS v1.1 as a source: 50 GB behind a URL with no published digest, so the user downloads it (with
/// WILDS or by hand) and <c>daft data check fmow</c> validates what WILDS and DAFT need of the folder.</summary>
public static class FmowSource
{
    public static readonly ManualSource Fmow = new("fmow",
        "fMoW-WILDS v1.1 (Functional Map of the World satellite images, 62 classes, 224x224 PNG; Christie et al. 2018, "
        + "Koh et al. 2021), 50 GB, downloaded by hand",
        "Either install WILDS (`pip install wilds`) and run "
        + "`python -c \"import wilds; wilds.get_dataset('fmow', root_dir='DATA_ROOT', download=True)\"` with your data root, "
        + $"or download {FmowLayout.ArchiveUrl} (a tar.gz of {FmowLayout.ArchiveBytes:N0} bytes, the size WILDS checks; it "
        + "publishes no md5) and run `mkdir -p DATA_ROOT/fmow_v1.1 && tar -xzf ARCHIVE -C DATA_ROOT/fmow_v1.1`. Either way "
        + $"DATA_ROOT/fmow_v1.1/ then holds {FmowLayout.Release}, {FmowLayout.Metadata}, {FmowLayout.CountryMapping} and "
        + $"{FmowLayout.Images}/rgb_img_N.png.",
        (dataRoot, _) => Problems(dataRoot));

    static IEnumerable<string> Problems(string dataRoot)
    {
        var folder = FmowLayout.Root(dataRoot);
        if (!File.Exists(Path.Combine(folder, FmowLayout.Release)))
            yield return $"missing '{Path.Combine(folder, FmowLayout.Release)}': WILDS (and so DAFT) takes a folder without it for "
                + "an incomplete download and tries to download again; it comes with the archive.";
        FmowMetadata? metadata = null;
        string? problem = null;
        try
        {
            metadata = FmowMetadata.Load(folder);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            problem = e.Message;
        }
        if (metadata is null)
        {
            yield return problem!;
            yield break;
        }
        if (!metadata.Regions.SequenceEqual(FmowLayout.DaftRegions))
            yield return $"'{Path.Combine(folder, FmowLayout.Metadata)}': regions first appear in the order "
                + string.Join(", ", metadata.Regions.Select((r, i) => $"{i} {r}")) + ", so WILDS numbers them so; DAFT's configs "
                + $"assume {string.Join(", ", FmowLayout.DaftRegions.Select((r, i) => $"{i} {r}"))} (regions [3] = Americas) and "
                + "would select other regions. This is not the published metadata file.";
        var used = metadata.Rows.Where(r => r.Split >= 0).ToList();
        var missing = MissingFiles.Find(used, metadata.ImagePath);
        if (missing.Count > 0)
            yield return $"images of the rows in WILDS's five splits are missing under '{Path.Combine(folder, FmowLayout.Images)}': "
                + MissingFiles.Summary(missing, used.Count, r => FmowLayout.ImageName(r.ImageIndex))
                + ". The archive holds one PNG per metadata row; extract it again.";
    }
}
