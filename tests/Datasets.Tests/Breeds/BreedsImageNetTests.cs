using Daft.Datasets.Breeds;
using Daft.Datasets.Images;
using Daft.Datasets.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.Breeds;

/// <summary>Listing BREEDS splits from ImageNet-layout trees of tiny real JPEGs, and the loader's count assertions.</summary>
public class BreedsImageNetTests
{
    /// <summary>Two superclasses, one subclass per domain each.</summary>
    static readonly BreedsSplit Small = new(
    [
        new("n01000000", "first", ["n01000002"], ["n01000001"]),
        new("n02000000", "second", ["n02000001"], ["n02000002"]),
    ]);

    static string Val(TempFolder root) => Path.Combine(root.Path, "imagenet", "val");

    static string Train(TempFolder root) => Path.Combine(root.Path, "imagenet", "train");

    [Fact]
    public void Living17_source_val_lists_each_superclass_in_label_order_with_the_librarys_subclass_order()
    {
        var living = BreedsFixtures.Split(BreedsBenchmark.Living17);
        using var root = new TempFolder();
        foreach (var wnid in living.Superclasses.SelectMany(s => s.Source))
            TinyImages.WriteMany(Path.Combine(Val(root), wnid), wnid, ImageNetClassFolders.ValImages);

        var split = BreedsImageNet.List(root.Path, living, BreedsDomain.Source, ImageNetSplit.Val, "id_val");

        Assert.Equal("id_val", split.Name);
        Assert.Equal(living.Superclasses.Select(s => s.Name), split.Classes);
        Assert.Equal("salamander", split.Classes[0]);
        Assert.Equal(17 * 2 * 50, split.Files.Count);
        var expected = living.Superclasses.SelectMany((s, label) => s.Source.SelectMany(wnid =>
            Enumerable.Range(0, 50).Select(i => $"{wnid}_{i}.JPEG").Order(StringComparer.Ordinal)
                .Select(name => (Path.Combine(Val(root), wnid, name), label))));
        Assert.Equal(expected, split.Files.Select(f => (f.Path, f.Label)));
        Assert.Equal(3, ImageDecoder.DecodeRgb(split.Files[0].Path).Width);
    }

    [Fact]
    public void Files_follow_sorted_os_walk_order_and_the_loaders_extensions()
    {
        using var root = new TempFolder();
        var folder = Path.Combine(Val(root), "n01000002");
        foreach (var name in new[] { "b.JPEG", "a.png", "A.jpeg", "notes.txt", "c.TIF", "d.webp", "sub/a.JPEG", "sub.JPEG" })
            TinyImages.Jpeg(Path.Combine(folder, name));
        TinyImages.WriteMany(folder, "z", ImageNetClassFolders.ValImages - 6);
        TinyImages.WriteMany(Path.Combine(Val(root), "n02000001"), "x", ImageNetClassFolders.ValImages);

        var files = BreedsImageNet.List(root.Path, Small, BreedsDomain.Source, ImageNetSplit.Val, "id_val").Files;

        Assert.Equal(["A.jpeg", "a.png", "b.JPEG", "c.TIF", "sub.JPEG"], files.Take(5).Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(Path.Combine(folder, "sub", "a.JPEG"), files[ImageNetClassFolders.ValImages - 1].Path);
        Assert.Equal(Enumerable.Repeat(0, 50).Concat(Enumerable.Repeat(1, 50)), files.Select(f => f.Label));
    }

    [Fact]
    public void Target_domain_reads_the_target_subclasses()
    {
        using var root = new TempFolder();
        foreach (var wnid in new[] { "n01000001", "n02000002" })
            TinyImages.WriteMany(Path.Combine(Train(root), wnid), wnid, ImageNetClassFolders.MinTrainImages);

        var split = BreedsImageNet.List(root.Path, Small, BreedsDomain.Target, ImageNetSplit.Train, "target_train_living");

        Assert.Equal(200, split.Files.Count);
        Assert.StartsWith(Path.Combine(Train(root), "n02000002"), split.Files[100].Path);
        Assert.Equal(1, split.Files[100].Label);
    }

    [Fact]
    public void A_val_class_without_exactly_50_images_is_refused_with_its_folder_and_count()
    {
        using var root = new TempFolder();
        TinyImages.WriteMany(Path.Combine(Val(root), "n01000002"), "a", 49);
        TinyImages.WriteMany(Path.Combine(Val(root), "n02000001"), "b", 51);

        var error = Assert.Throws<InvalidDataException>(() => BreedsImageNet.List(root.Path, Small, BreedsDomain.Source, ImageNetSplit.Val, "id_val"));

        Assert.Contains($"'{Val(root)}': 2 class folder(s) used by this split do not hold exactly 50 images", error.Message);
        Assert.Contains("n01000002 (49), n02000001 (51)", error.Message);
    }

    [Fact]
    public void A_train_class_with_fewer_than_100_images_is_refused_and_a_missing_one_named()
    {
        using var root = new TempFolder();
        TinyImages.WriteMany(Path.Combine(Train(root), "n01000002"), "a", 99);

        var error = Assert.Throws<InvalidDataException>(() => BreedsImageNet.List(root.Path, Small, BreedsDomain.Source, ImageNetSplit.Train, "train"));

        Assert.Contains($"'{Train(root)}' lacks 1 of the 2 class folders used by this split: n02000001", error.Message);
        Assert.Contains("1 class folder(s) used by this split hold fewer than 100 images", error.Message);
        Assert.Contains("n01000002 (99)", error.Message);
    }

    [Fact]
    public void A_val_folder_not_sorted_into_class_folders_says_so()
    {
        using var root = new TempFolder();
        TinyImages.WriteMany(Val(root), "ILSVRC2012_val", 3);

        var error = Assert.Throws<InvalidDataException>(() => BreedsImageNet.List(root.Path, Small, BreedsDomain.Source, ImageNetSplit.Val, "id_val"));

        Assert.Contains("holds 3 images directly", error.Message);
        Assert.Contains("sorted into one sub-folder per wnid", error.Message);
    }

    [Fact]
    public void A_missing_split_folder_names_the_expected_layout()
    {
        using var root = new TempFolder();
        var error = Assert.Throws<DirectoryNotFoundException>(() => BreedsImageNet.List(root.Path, Small, BreedsDomain.Source, ImageNetSplit.Val, "id_val"));
        Assert.Contains($"No ImageNet val folder at '{Val(root)}'", error.Message);
    }

    [Theory]
    [InlineData(BreedsBenchmark.Living17, BreedsDomain.Source, ImageNetSplit.Train, "train")]
    [InlineData(BreedsBenchmark.Living17, BreedsDomain.Source, ImageNetSplit.Val, "id_val")]
    [InlineData(BreedsBenchmark.Living17, BreedsDomain.Target, ImageNetSplit.Val, "target_val_living")]
    [InlineData(BreedsBenchmark.Entity30, BreedsDomain.Target, ImageNetSplit.Val, "target_val_entity")]
    public void Splits_are_named_as_the_reference_configs_name_them(BreedsBenchmark benchmark, BreedsDomain domain, ImageNetSplit split, string name)
    {
        Assert.Equal(name, BreedsImageNet.DefaultName(benchmark, domain, split));
    }
}
