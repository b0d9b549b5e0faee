using Daft.Datasets.Formats;

namespace Daft.Datasets.Fmow;

/// <summary>One image of WILDS's fMoW dataset: its metadata row (= image index), split id (−1: in no split), region
/// id, year metadata and label; WILDS's <c>metadata_array</c> row is (Region, Year, Label, FromSourceDomain).</summary>
public readonly record struct FmowRow(int ImageIndex, int Split, int Region, int Year, int Label)
{
    /// <summary>WILDS's <c>from_source_domain</c>: the split is train, id_val or id_test.</summary>
    public bool FromSourceDomain => Split is 0 or 1 or 2;
}

/// <summary>
/// WILDS's <c>FMoWDataset(split_scheme='official')</c> over <c>rgb_metadata.csv</c>, step for step:
/// <list type="number">
/// <item>region of every row from its <c>country_code</c> (<see cref="CountryRegions"/>); region ids are the order
/// in which regions first appear, <c>seq</c> rows included (<c>metadata['region'].unique()</c>);</item>
/// <item>label = position of <c>category</c> in <see cref="FmowLayout.Categories"/> (an unknown one is WILDS's KeyError);</item>
/// <item>split from the <c>split</c> column and the period (<see cref="FmowTime"/>): train = train ∧ ID; id_val = val
/// ∧ ID; id_test = test ∧ ID; val = val ∧ OOD val; test = test ∧ OOD test; any other row is in no split (−1);</item>
/// <item><c>seq</c> rows are dropped; the rest, in file order, are the dataset (<c>full_idxs</c>).</item>
/// </list>
/// The seed (111) matters only to the 'mixed-to-test' scheme, which DAFT does not use.
/// </summary>
public sealed class FmowMetadata
{
    static readonly string[] Columns = ["split", "category", "country_code", "timestamp"];

    FmowMetadata(string folder, int metadataRows, IReadOnlyList<string> regions, IReadOnlyList<FmowRow> rows) =>
        (Folder, MetadataRows, Regions, Rows) = (folder, metadataRows, regions, rows);

    /// <summary>The <c>fmow_v1.1</c> folder read.</summary>
    public string Folder { get; }

    /// <summary>Rows of <c>rgb_metadata.csv</c>, <c>seq</c> ones included (they take image numbers too).</summary>
    public int MetadataRows { get; }

    /// <summary>Region names by id (WILDS's <c>metadata_map['region']</c>).</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>The dataset: every row but the <c>seq</c> ones, in file order.</summary>
    public IReadOnlyList<FmowRow> Rows { get; }

    /// <summary>The image file of a row.</summary>
    public string ImagePath(FmowRow row) => Path.Combine(Folder, FmowLayout.Images, FmowLayout.ImageName(row.ImageIndex));

    /// <summary>Reads <c>rgb_metadata.csv</c> and <c>country_code_mapping.csv</c> from <paramref name="folder"/>.</summary>
    public static FmowMetadata Load(string folder)
    {
        folder = Path.GetFullPath(folder);
        var countries = CountryRegions.Read(Path.Combine(folder, FmowLayout.CountryMapping));
        var table = CsvFile.Read(Path.Combine(folder, FmowLayout.Metadata), Columns, "fMoW-WILDS metadata", FmowLayout.Fix);
        var categories = FmowLayout.Categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var regionIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<FmowRow>(table.Rows.Count);
        var anyTime = false;
        for (var n = 0; n < table.Rows.Count; n++)
        {
            var (split, category, code, stamp) = (table.Rows[n][0], table.Rows[n][1], table.Rows[n][2], table.Rows[n][3]);
            var line = table.Lines[n];
            var regionName = countries.Region(code);
            if (!regionIds.TryGetValue(regionName, out var region))
                regionIds[regionName] = region = regionIds.Count;
            if (!categories.TryGetValue(category, out var label))
                throw new InvalidDataException(
                    $"'{table.Path}' line {line}: category '{category}' is not one of WILDS's 62 fMoW categories "
                    + $"({FmowLayout.Categories[0]}, ..., {FmowLayout.Categories[^1]}); WILDS would fail on it (KeyError). {FmowLayout.Fix}");
            var time = FmowTime.Parse(stamp, table.Path, line);
            anyTime |= time is not null;
            if (split != "seq")
                rows.Add(new FmowRow(n, SplitOf(split, FmowTime.Period(time)), region, FmowTime.Year(time), label));
        }
        if (!anyTime && table.Rows.Count > 0)
            throw new InvalidDataException(
                $"'{table.Path}': no row has a timestamp; WILDS cannot compare an all-NaT column with its UTC split dates (pandas "
                + $"raises). {FmowLayout.Fix}");
        return new FmowMetadata(folder, table.Rows.Count, [.. regionIds.OrderBy(p => p.Value).Select(p => p.Key)], rows);
    }

    static int SplitOf(string split, FmowPeriod period) => (split, period) switch
    {
        ("train", FmowPeriod.InDistribution) => 0,
        ("val", FmowPeriod.InDistribution) => 1,
        ("test", FmowPeriod.InDistribution) => 2,
        ("val", FmowPeriod.OodVal) => 3,
        ("test", FmowPeriod.OodTest) => 4,
        _ => -1,
    };

    /// <summary>The rows of <paramref name="split"/> (<c>get_subset</c>), then those whose region id is in
    /// <paramref name="regions"/> (DAFT's <c>datasets/fmow.py</c> filter on metadata column 0; null = all), in order.</summary>
    public IReadOnlyList<FmowRow> Subset(string split, IReadOnlyCollection<int>? regions = null)
    {
        if (!FmowLayout.Splits.TryGetValue(split, out var id))
            throw new ArgumentException($"fMoW split '{split}' is not one of {string.Join(", ", FmowLayout.Splits.Keys)} (WILDS's split_dict).", nameof(split));
        var unknown = regions?.Where(r => r < 0 || r >= Regions.Count).ToList() ?? [];
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"fMoW region id(s) {string.Join(", ", unknown)} do not exist; '{Path.Combine(Folder, FmowLayout.Metadata)}' has "
                + string.Join(", ", Regions.Select((r, i) => $"{i} {r}")) + ".", nameof(regions));
        return [.. Rows.Where(r => r.Split == id && (regions is null || regions.Contains(r.Region)))];
    }
}
