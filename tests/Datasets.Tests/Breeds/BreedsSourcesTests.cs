using Daft.Datasets.Breeds;
using Daft.Datasets.Sources;
using Daft.Datasets.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.Breeds;

public class BreedsSourcesTests
{
    [Fact]
    public void The_catalog_knows_both_sources_and_imagenet_comes_after_the_hierarchy()
    {
        var imagenet = SourceCatalog.Find("imagenet")!;
        Assert.False(imagenet.CanFetch);
        Assert.Equal([BreedsSources.Hierarchy, imagenet], SourceCatalog.WithDependencies([imagenet]));
        Assert.Same(BreedsSources.Hierarchy, SourceCatalog.Find("breeds_hierarchy"));
    }

    [Fact]
    public void The_hierarchy_is_three_pinned_raw_files_unpacked_where_the_reader_looks()
    {
        Assert.Equal(HierarchyFiles.Names.Order(), BreedsSources.Hierarchy.Downloads.Select(d => d.File.FileName).Order());
        Assert.All(BreedsSources.Hierarchy.Downloads, d =>
        {
            Assert.StartsWith("https://raw.githubusercontent.com/MadryLab/BREEDS-Benchmarks/f83be509107e89f41dde0e4e8e7f8be051fbb891/", d.File.Url);
            Assert.Equal($"{BreedsBenchmarks.HierarchyFolder}/{d.File.FileName}", d.Map(d.File.FileName));
        });
        using var root = new TempFolder();
        Assert.Equal(3, BreedsSources.Hierarchy.Check(root.Path).Problems.Count(p => p.StartsWith("missing", StringComparison.Ordinal)));
    }

    [RealHierarchyTheory]
    [InlineData(true)]
    public void The_real_hierarchy_files_have_the_pinned_sizes_and_digests(bool verify)
    {
        var folder = BreedsFixtures.RealHierarchy()!;
        Assert.All(BreedsSources.Hierarchy.Expected, e =>
            Assert.Null((e with { RelativePath = Path.GetFileName(e.RelativePath) }).Problem(folder, verify)));
    }

    [Fact]
    public void The_imagenet_check_without_the_hierarchy_says_to_fetch_it_and_names_missing_split_folders()
    {
        using var root = new TempFolder();
        var problems = BreedsSources.ImageNet.Check(root.Path).Problems;
        Assert.Equal(3, problems.Count);
        Assert.StartsWith("cannot tell which ImageNet classes Living-17 and Entity-30 use", problems[0]);
        Assert.Contains("fetch `breeds-hierarchy` first", problems[0]);
        Assert.Equal($"missing '{Path.Combine(root.Path, "imagenet", "train")}' (ImageNet ILSVRC2012 train, one sub-folder of images per wnid)", problems[1]);
    }

    [Fact]
    public void The_imagenet_check_lists_missing_folders_and_wrong_counts_concisely()
    {
        var benchmarks = BreedsBenchmarks.All.Select(b => (BreedsBenchmarks.Title(b), BreedsFixtures.Split(b))).ToList();
        var wnids = benchmarks.SelectMany(b => b.Item2.AllSubclasses).Distinct().ToList();
        using var root = new TempFolder();
        var train = Path.Combine(root.Path, "imagenet", "train");
        var val = Path.Combine(root.Path, "imagenet", "val");
        foreach (var wnid in wnids)
            Directory.CreateDirectory(Path.Combine(train, wnid));
        TinyImages.WriteMany(Path.Combine(val, wnids[0]), wnids[0], ImageNetClassFolders.ValImages);
        TinyImages.WriteMany(Path.Combine(val, wnids[1]), wnids[1], ImageNetClassFolders.ValImages + 1);

        var problems = BreedsSources.ImageNetProblems(root.Path, benchmarks).ToList();

        Assert.Equal(3, problems.Count);
        Assert.StartsWith($"'{train}': {wnids.Count} class folder(s) used by Living-17 and Entity-30 hold fewer than 100 images", problems[0]);
        Assert.Contains($"{wnids[4]} (0) and {wnids.Count - 5} more", problems[0]);
        Assert.Equal($"'{val}' lacks {wnids.Count - 2} of the {wnids.Count} class folders used by Living-17 and Entity-30: "
            + $"{string.Join(", ", wnids.Skip(2).Take(5))} and {wnids.Count - 7} more", problems[1]);
        Assert.Contains($"do not hold exactly 50 images, as the reference loader asserts per val class: {wnids[1]} (51) (", problems[2]);
    }

    [Fact]
    public void The_imagenet_instructions_say_where_to_get_it_and_how_to_sort_val()
    {
        var text = BreedsSources.ImageNet.Instructions;
        Assert.Contains("https://image-net.org/download.php", text);
        Assert.Contains("ILSVRC2012_img_val.tar", text);
        Assert.Contains("valprep.sh", text);
    }
}
