using Daft.Datasets.Fmow;
using Daft.Datasets.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.Fmow;

/// <summary>Writes fMoW-WILDS layouts under a test data root: metadata in the published column format, the
/// country-code table, the release file, tiny PNGs.</summary>
sealed class FmowFiles(TempFolder root)
{
    public const string Header = "split,img_filename,img_path,spatial_reference,epsg,category,visible,img_width,img_height,"
        + "country_code,cloud_cover,timestamp,lat,lon,region";

    const string Mapping = "name,alpha-2,alpha-3,country-code,iso_3166-2,region,sub-region,intermediate-region\n"
        + "China,CN,CHN,156,ISO 3166-2:CN,Asia,,\nFrance,FR,FRA,250,ISO 3166-2:FR,Europe,,\n"
        + "Nigeria,NG,NGA,566,ISO 3166-2:NG,Africa,,\n\"United States of America\",US,USA,840,ISO 3166-2:US,Americas,,\n"
        + "Australia,AU,AUS,36,ISO 3166-2:AU,Oceania,,\n";

    public string Folder => Path.Combine(root.Path, FmowLayout.Folder);

    /// <summary>One metadata line as process_metadata_fmow.py writes it (the WKT spatial reference is quoted).</summary>
    public static string Row(string split, string category, string country, string timestamp) =>
        $"{split},{category}_1_0_rgb.jpg,{split}/{category}/{category}_1/{category}_1_0_rgb.jpg,"
        + "\"GEOGCS[\"\"WGS 84\"\",DATUM[\"\"WGS_1984\"\"]]\",4326,"
        + $"{category},True,800,600,{country},0,{timestamp},10.5,-20.25,Asia";

    /// <summary>Writes the metadata (header + rows, LF), the mapping and, unless told not to, the release file.</summary>
    public string Write(IEnumerable<string> rows, bool release = true)
    {
        var metadata = root.Write(Path.Combine(FmowLayout.Folder, FmowLayout.Metadata), Header + "\n" + string.Join("\n", rows) + "\n");
        root.Write(Path.Combine(FmowLayout.Folder, FmowLayout.CountryMapping), Mapping);
        if (release)
            root.Write(Path.Combine(FmowLayout.Folder, FmowLayout.Release), "v1.1\n");
        return metadata;
    }

    /// <summary>Copies a fixture case's two CSVs (and a release file) into the data root.</summary>
    public void CopyFixture(string name)
    {
        Directory.CreateDirectory(Folder);
        foreach (var file in new[] { FmowLayout.Metadata, FmowLayout.CountryMapping })
            File.Copy(FmowFixture.File(name, file), Path.Combine(Folder, file));
        root.Write(Path.Combine(FmowLayout.Folder, FmowLayout.Release), "");
    }

    public void Images(IEnumerable<int> rows)
    {
        foreach (var row in rows)
            TinyImages.Png(Path.Combine(Folder, FmowLayout.Images, FmowLayout.ImageName(row)));
    }
}
