using System.IO.Compression;
using Daft.GpuNode.Data;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Data;

public class DigitsTests
{
    /// <summary>Class sizes of sklearn's load_digits (np.bincount(load_digits().target)).</summary>
    static readonly int[] ClassCounts = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

    static string NoDataRoot => Path.Combine(Path.GetTempPath(), "daft-no-such-data-root");

    static int[] CountPerClass(ImageSet set) =>
        [.. Enumerable.Range(0, 10).Select(c => set.Labels.data<long>().Count(l => l == c))];

    [Fact]
    public void The_shipped_file_loads_with_stratified_splits_of_all_1797_images()
    {
        using var splits = DatasetCatalog.Load("digits", NoDataRoot);

        Assert.Equal((1352, 445, 8, 10), (splits.Train.Count, splits.IdVal.Count, splits.Train.Height, splits.NumClasses));
        var valCounts = CountPerClass(splits.IdVal);
        Assert.Equal(ClassCounts.Select(c => c / 4), valCounts);
        Assert.Equal(ClassCounts.Select(c => c - c / 4), CountPerClass(splits.Train));
    }

    [Fact]
    public void Split_rows_are_disjoint_cover_the_file_and_match_the_loaded_images()
    {
        using var all = Digits.Read(Digits.Locate(NoDataRoot));
        using var splits = DatasetCatalog.Load("digits", NoDataRoot);

        var (train, idVal) = Digits.StratifiedSplit(all.Labels.data<long>().ToArray());

        Assert.Empty(train.Intersect(idVal));
        Assert.Equal(Enumerable.Range(0, 1797).Select(i => (long)i), train.Concat(idVal).Order());
        using var expectedVal = all.Subset("x", idVal);
        using var expectedTrain = all.Subset("x", train);
        Assert.True(expectedVal.Images.equal(splits.IdVal.Images).all().item<bool>());
        Assert.True(expectedTrain.Images.equal(splits.Train.Images).all().item<bool>());
        Assert.True(expectedVal.Labels.equal(splits.IdVal.Labels).all().item<bool>());
    }

    [Fact]
    public void Pixels_are_scaled_to_0_255_and_gray_is_copied_to_three_channels()
    {
        using var all = Digits.Read(Digits.Locate(NoDataRoot));

        // First CSV row starts 0,0,5,13,9,1,0,0 (label 0); round(v * 255 / 16).
        using var firstRow = all.Images[0, 0];
        Assert.Equal<byte>([0, 0, 80, 207, 143, 16, 0, 0], firstRow[.., 0].data<byte>().ToArray());
        Assert.True(firstRow[.., 0].equal(firstRow[.., 2]).all().item<bool>());
        Assert.Equal(0L, all.Labels[0].item<long>());
        Assert.Equal(255, all.Images.max().item<byte>());
        Assert.Equal((8, 8), (all.Height, all.Width));
    }

    [Fact]
    public void The_ood_set_is_the_id_val_images_inverted()
    {
        using var splits = DatasetCatalog.Load("digits", NoDataRoot);

        var ood = Assert.Single(splits.Ood);
        Assert.Equal("digits_inverted", ood.Name);
        using var expected = 255 - splits.IdVal.Images.to_type(ScalarType.Int32);
        Assert.True(expected.to_type(ScalarType.Byte).equal(ood.Images).all().item<bool>());
        Assert.True(ood.Labels.equal(splits.IdVal.Labels).all().item<bool>());
    }

    static void WriteCsvGz(string path, IEnumerable<string> lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest));
        foreach (var line in lines)
            writer.WriteLine(line);
    }

    static string Row(int pixel, int label) => string.Join(",", Enumerable.Repeat(pixel, 64).Append(label));

    [Fact]
    public void A_file_under_the_data_root_wins_and_every_fourth_image_of_a_class_is_id_val()
    {
        using var temp = new TempFolder();
        // Eight images of class 3 with pixel value = row number: rows 3 and 7 are that class's 4th and 8th.
        WriteCsvGz(Path.Combine(temp.Path, "digits", "digits.csv.gz"), Enumerable.Range(0, 8).Select(i => Row(i, 3)));

        using var splits = DatasetCatalog.Load("digits", temp.Path);

        Assert.Equal((6, 2), (splits.Train.Count, splits.IdVal.Count));
        Assert.Equal<byte>([48, 112], splits.IdVal.Images[.., 0, 0, 0].data<byte>().ToArray()); // round(3*255/16), round(7*255/16)
    }

    [Fact]
    public void A_bad_value_names_the_file_and_line()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "digits", "digits.csv.gz");
        WriteCsvGz(path, [Row(1, 0), Row(17, 0)]);

        var error = Assert.Throws<InvalidDataException>(() => DatasetCatalog.Load("digits", temp.Path));

        Assert.Contains($"'{path}' line 2: pixel 0 is '17', expected an integer in 0..16", error.Message);
    }

    [Fact]
    public void A_missing_file_names_both_places_looked()
    {
        using var temp = new TempFolder();
        var elsewhere = Path.Combine(temp.Path, "elsewhere");

        var error = Assert.Throws<FileNotFoundException>(() => Digits.Locate(temp.Path, Digits.RelativePath, [elsewhere]));

        Assert.Contains($"'{Path.Combine(temp.Path, "digits", "digits.csv.gz")}'", error.Message);
        Assert.Contains($"'samples/digits/digits.csv.gz' in every folder above '{elsewhere}'", error.Message);
    }

    [Fact]
    public void Unknown_dataset_names_list_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetCatalog.Load("cifar100", NoDataRoot));

        string[] known = ["cifar10", "cifar10_c", "digits", "digits_da", "digits_inverted", "digits_shift", "domainnet", "entity30", "fashion_mnist",
            "fmow", "living17", "mnist", "mnist_m"];
        Assert.Contains($"Unknown dataset 'cifar100'. Known datasets: {string.Join(", ", known)}; or give the path of a dataset file", error.Message);
        Assert.Equal(known, DatasetCatalog.Names);
    }
}
