using Daft.Datasets.Fmow;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.Fmow;

public sealed class FmowMetadataTests : IDisposable
{
    readonly TempFolder data = new();
    readonly FmowFiles files;

    public FmowMetadataTests() => files = new FmowFiles(data);

    public void Dispose() => data.Dispose();

    static string Row(string split = "train", string category = "airport", string country = "USA", string timestamp = "2010-01-01T00:00:00Z") =>
        FmowFiles.Row(split, category, country, timestamp);

    FmowMetadata Load(params string[] rows)
    {
        files.Write(rows);
        return FmowMetadata.Load(files.Folder);
    }

    [Fact]
    public void Seq_rows_leave_the_dataset_but_keep_their_image_numbers_and_name_regions_first()
    {
        var metadata = Load(Row("seq", country: "AUS"), Row("train", country: "CHN"), Row("seq"), Row("val", "zoo", "XKX"), Row("test", country: ""));

        Assert.Equal(5, metadata.MetadataRows);
        Assert.Equal([1, 3, 4], metadata.Rows.Select(r => r.ImageIndex));
        Assert.Equal(["Oceania", "Asia", "Americas", "Other"], metadata.Regions);
        Assert.Equal([1, 3, 3], metadata.Rows.Select(r => r.Region));
        Assert.Equal([0, 1, 2], metadata.Rows.Select(r => r.Split));
        Assert.Equal([0, 61, 0], metadata.Rows.Select(r => r.Label));
    }

    [Theory]
    [InlineData("train", "2012-12-31T23:59:59.999Z", 0, 10)]
    [InlineData("train", "2013-01-01T00:00:00Z", -1, 11)]
    [InlineData("val", "2013-01-01T00:00:00Z", 3, 11)]
    [InlineData("val", "2016-01-01T01:00:00+02:00", 3, 13)]
    [InlineData("val", "2016-01-01T00:00:00Z", -1, 14)]
    [InlineData("val", "", 1, -1)]
    [InlineData("test", "2015-12-31T22:00:00-02:00", 4, 14)]
    [InlineData("test", "2014-07-01T00:00Z", -1, 12)]
    [InlineData("test", "2001-12-31T23:59:59Z", 2, -1)]
    [InlineData("test", "2018-01-01T00:00:00Z", 4, -1)]
    [InlineData("Train", "2010-01-01T00:00:00Z", -1, 8)]
    [InlineData("NA", "2010-01-01 00:00:00+0000", -1, 8)]
    public void Split_and_year_follow_the_official_scheme_by_instant(string split, string timestamp, int expectedSplit, int year)
    {
        var metadata = Load(Row(split, timestamp: timestamp), Row());

        Assert.Equal((expectedSplit, year), (metadata.Rows[0].Split, metadata.Rows[0].Year));
    }

    [Fact]
    public void Subsets_keep_file_order_and_filter_by_region_id()
    {
        var metadata = Load(Row(country: "USA"), Row(country: "FRA"), Row("val"), Row(country: "NGA"), Row(country: "USA"));

        Assert.Equal([0, 1, 3, 4], metadata.Subset("train").Select(r => r.ImageIndex));
        Assert.Equal([1, 3], metadata.Subset("train", [1, 2]).Select(r => r.ImageIndex));
        Assert.Equal([0, 4], metadata.Subset("train", [0]).Select(r => r.ImageIndex));
        Assert.Equal([2], metadata.Subset("id_val").Select(r => r.ImageIndex));
        Assert.Empty(metadata.Subset("test"));
    }

    [Fact]
    public void Unknown_splits_and_region_ids_are_refused()
    {
        var metadata = Load(Row(country: "USA"), Row(country: "FRA"));

        Assert.Contains("'ood_val' is not one of train, id_val, id_test, val, test", Assert.Throws<ArgumentException>(() => metadata.Subset("ood_val")).Message);
        var error = Assert.Throws<ArgumentException>(() => metadata.Subset("train", [1, 3]));
        Assert.Contains("region id(s) 3 do not exist;", error.Message);
        Assert.Contains("has 0 Americas, 1 Europe.", error.Message);
    }

    [Fact]
    public void Missing_files_name_the_path_and_how_to_get_wilds()
    {
        var error = Assert.Throws<FileNotFoundException>(() => FmowMetadata.Load(files.Folder));
        Assert.Contains($"No fMoW's country-code mapping (part of the WILDS fmow_v1.1 bundle) at '{Path.Combine(files.Folder, "country_code_mapping.csv")}'", error.Message);

        files.Write([Row()]);
        File.Delete(Path.Combine(files.Folder, "rgb_metadata.csv"));
        error = Assert.Throws<FileNotFoundException>(() => FmowMetadata.Load(files.Folder));
        Assert.Contains($"No fMoW-WILDS metadata at '{Path.Combine(files.Folder, "rgb_metadata.csv")}'", error.Message);
        Assert.Contains("wilds.get_dataset('fmow'", error.Message);
    }

    [Theory]
    [InlineData("castle", "2010-01-01T00:00:00Z", "category 'castle' is not one of WILDS's 62 fMoW categories")]
    [InlineData("", "2010-01-01T00:00:00Z", "category '' is not one of")]
    [InlineData("airport", "2016/01/01", "timestamp '2016/01/01' is not an ISO 8601 date and time")]
    [InlineData("airport", "2016-01-01T00:00:00", "timestamp '2016-01-01T00:00:00' has no time zone")]
    [InlineData("airport", "2015-02-29T00:00:00Z", "timestamp '2015-02-29T00:00:00Z' is not a valid date and time")]
    public void Bad_values_are_reported_at_their_line(string category, string timestamp, string message)
    {
        var path = files.Write([Row(), Row("seq", category, timestamp: timestamp)]);

        var error = Assert.Throws<InvalidDataException>(() => FmowMetadata.Load(files.Folder));

        Assert.StartsWith($"'{path}' line 3: {message}", error.Message);
    }

    [Fact]
    public void A_header_without_a_needed_column_names_it()
    {
        files.Write([Row()]);
        var path = data.Write(Path.Combine("fmow_v1.1", "rgb_metadata.csv"), "split,category,country,timestamp\ntrain,airport,USA,2010-01-01T00:00:00Z\n");

        var error = Assert.Throws<InvalidDataException>(() => FmowMetadata.Load(files.Folder));

        Assert.StartsWith($"'{path}' line 1: the header has no column 'country_code'; fMoW-WILDS metadata needs split, category, country_code, timestamp", error.Message);
    }

    [Fact]
    public void A_column_without_any_timestamp_is_refused_as_pandas_refuses_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(Row(timestamp: ""), Row(timestamp: "NaN")));
        Assert.Contains("no row has a timestamp", error.Message);
    }

    [Fact]
    public void Missing_images_of_a_split_are_counted_and_the_first_named()
    {
        var metadata = Load(Row(), Row(country: "FRA"), Row(), Row(), Row("val"));
        files.Images([2]);

        var error = Assert.Throws<FileNotFoundException>(() => FmowDataset.Split(metadata, "train", [0]));

        Assert.Contains($"fMoW train regions [0]: images of its metadata rows are missing under '{Path.Combine(files.Folder, "images")}': "
            + "2 of 3 (first: rgb_img_0.png, rgb_img_3.png). WILDS reads the image of metadata row N from images/rgb_img_N.png.", error.Message);
    }
}
