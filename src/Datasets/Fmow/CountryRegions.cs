using Daft.Datasets.Formats;

namespace Daft.Datasets.Fmow;

/// <summary>
/// WILDS's country → region lookup: <c>{alpha-3: region}</c> from the bundle's <c>country_code_mapping.csv</c> (a later
/// row wins, as in the dict comprehension), and <c>'Other'</c> for a code it does not list, an empty code included
/// (pandas NaN is no key). A listed code with an empty region maps to NaN, which WILDS keeps as a region of its own
/// (<see cref="FmowLayout.MissingRegion"/>). Rows with an empty alpha-3 are left out: no country code equals NaN.
/// </summary>
public sealed class CountryRegions
{
    readonly Dictionary<string, string> byCode;

    CountryRegions(Dictionary<string, string> byCode) => this.byCode = byCode;

    /// <summary>How many codes the mapping lists.</summary>
    public int Count => byCode.Count;

    public static CountryRegions Read(string path)
    {
        var table = CsvFile.Read(path, ["alpha-3", "region"], "fMoW's country-code mapping (part of the WILDS fmow_v1.1 bundle)", FmowLayout.Fix);
        var byCode = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (!CsvFile.IsMissing(row[0]))
                byCode[row[0]] = CsvFile.IsMissing(row[1]) ? FmowLayout.MissingRegion : row[1];
        }
        return new CountryRegions(byCode);
    }

    /// <summary>The region WILDS gives a metadata row with this <c>country_code</c> value.</summary>
    public string Region(string countryCode) =>
        !CsvFile.IsMissing(countryCode) && byCode.TryGetValue(countryCode, out var region) ? region : FmowLayout.OtherRegion;
}
