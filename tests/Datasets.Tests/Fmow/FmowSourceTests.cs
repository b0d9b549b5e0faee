using Daft.Datasets.Fmow;
using Daft.Datasets.Sources;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.Fmow;

public sealed class FmowSourceTests : IDisposable
{
    readonly TempFolder data = new();
    readonly FmowFiles files;

    public FmowSourceTests() => files = new FmowFiles(data);

    public void Dispose() => data.Dispose();

    [Fact]
    public void The_catalog_has_fmow_as_a_manual_source_with_the_wilds_download()
    {
        var source = SourceCatalog.Find("fmow");

        Assert.Same(FmowSource.Fmow, source);
        Assert.False(source!.CanFetch);
        Assert.Contains("wilds.get_dataset('fmow', root_dir='DATA_ROOT', download=True)", source.Instructions);
        Assert.Contains("https://worksheets.codalab.org/rest/bundles/0xaec91eb7c9d548ebb15e1b5e60f966ab/contents/blob/", source.Instructions);
        Assert.Contains("53,893,324,800 bytes", source.Instructions);
    }

    [Fact]
    public void An_empty_root_lacks_the_release_file_and_the_metadata()
    {
        var report = FmowSource.Fmow.Check(data.Path);

        Assert.Equal(2, report.Problems.Count);
        Assert.StartsWith($"missing '{Path.Combine(files.Folder, "RELEASE_v1.1.txt")}'", report.Problems[0]);
        Assert.Contains("country_code_mapping.csv", report.Problems[1]);
    }

    [Fact]
    public void Images_are_checked_for_every_row_in_a_wilds_split()
    {
        files.CopyFixture("official");
        var used = FmowMetadata.Load(files.Folder).Rows.Where(r => r.Split >= 0).Select(r => r.ImageIndex).ToList();
        files.Images(used.Skip(2));

        var problem = Assert.Single(FmowSource.Fmow.Check(data.Path).Problems);

        Assert.Contains($"2 of {used.Count} (first: rgb_img_{used[0]}.png, rgb_img_{used[1]}.png)", problem);
    }

    [Fact]
    public void Another_region_order_than_dafts_is_reported()
    {
        files.CopyFixture("reordered");
        files.Images(FmowMetadata.Load(files.Folder).Rows.Select(r => r.ImageIndex));

        var problem = Assert.Single(FmowSource.Fmow.Check(data.Path).Problems);

        Assert.Contains("regions first appear in the order 0 Americas, 1 Oceania, 2 Europe, 3 Asia, 4 Other, 5 Africa, 6 nan", problem);
        Assert.Contains("(regions [3] = Americas)", problem);
    }

    [Fact]
    public void A_complete_layout_has_no_problems()
    {
        files.CopyFixture("official");
        files.Images(FmowMetadata.Load(files.Folder).Rows.Where(r => r.Split >= 0).Select(r => r.ImageIndex));

        Assert.True(FmowSource.Fmow.Check(data.Path).IsComplete);
    }
}
