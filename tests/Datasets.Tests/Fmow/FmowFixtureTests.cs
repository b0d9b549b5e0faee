using Daft.Datasets.Fmow;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.Fmow;

/// <summary>The C# split, region, year and label logic against WILDS's own, run on the same metadata.</summary>
public sealed class FmowFixtureTests
{
    public static TheoryData<string> Cases => [.. FmowFixture.Cases];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_row_gets_the_split_region_year_and_label_wilds_gives_it(string name)
    {
        var expected = FmowFixture.Load(name);

        var metadata = FmowMetadata.Load(FmowFixture.Folder(name));

        Assert.Equal(expected.Rows, metadata.MetadataRows);
        Assert.Equal(expected.Regions, metadata.Regions);
        Assert.Equal(expected.ImageIndex, metadata.Rows.Select(r => r.ImageIndex));
        Assert.Equal(expected.Split, metadata.Rows.Select(r => r.Split));
        Assert.Equal(expected.Metadata, metadata.Rows.Select(r => new[] { r.Region, r.Year, r.Label, r.FromSourceDomain ? 1 : 0 }));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_split_and_region_filter_lists_the_images_dafts_fmow_dataset_lists(string name)
    {
        var expected = FmowFixture.Load(name);
        var metadata = FmowMetadata.Load(FmowFixture.Folder(name));

        Assert.Equal(5 * (expected.Regions.Length + 3), expected.Subsets.Length);
        foreach (var subset in expected.Subsets)
        {
            var rows = metadata.Subset(subset.Split, subset.Regions);
            Assert.Equal(subset.ImageIndex, rows.Select(r => r.ImageIndex));
            Assert.Equal(subset.Labels, rows.Select(r => r.Label));
        }
    }

    [Fact]
    public void The_fixture_covers_every_split_and_both_region_orders()
    {
        var official = FmowFixture.Load("official");
        Assert.Equal(FmowLayout.DaftRegions, official.Regions);
        Assert.All(official.Subsets.Where(s => s.Regions is null), s => Assert.NotEmpty(s.ImageIndex));
        Assert.Contains(-1, official.Split);
        Assert.True(official.ImageIndex.Length < official.Rows, "seq rows are dropped");
        Assert.Equal(["Americas", "Oceania", "Europe", "Asia", "Other", "Africa", "nan"], FmowFixture.Load("reordered").Regions);
    }

    [Fact]
    public void A_split_lists_the_png_of_each_row_with_its_label_and_the_62_categories()
    {
        using var data = new TempFolder();
        var files = new FmowFiles(data);
        files.CopyFixture("official");
        var expected = FmowFixture.Load("official");
        files.Images(expected.ImageIndex);
        var americas = expected.Subsets.Single(s => s.Split == "train" && s.Regions is [3]);

        var split = FmowDataset.Load(data.Path, "train", [3], name: "train_americas");

        Assert.Equal("train_americas", split.Name);
        Assert.Equal(americas.ImageIndex.Select(i => Path.Combine(files.Folder, "images", $"rgb_img_{i}.png")), split.Files.Select(f => f.Path));
        Assert.Equal(americas.Labels, split.Files.Select(f => f.Label));
        Assert.Equal(FmowLayout.Categories, split.Classes);
        Assert.Equal(62, split.Classes.Count);
        Assert.Equal(("airport", "zoo"), (split.Classes[0], split.Classes[61]));
        Assert.Equal("id_val", FmowDataset.Load(data.Path, "id_val").Name);
    }
}
