using Daft.Datasets.DomainNet;
using Daft.Datasets.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.DomainNet;

public sealed class DomainNetErrorTests : IDisposable
{
    readonly TempFolder data = new();
    readonly DomainNetFiles files;

    public DomainNetErrorTests() => files = new DomainNetFiles(data);

    public void Dispose() => data.Dispose();

    [Fact]
    public void A_missing_sentry_list_names_its_path_and_the_fetch_command()
    {
        var error = Assert.Throws<FileNotFoundException>(() => DomainNetDataset.Load(data.Path, "sketch", "train"));

        Assert.Contains($"'{Path.Combine(files.Root, "SENTRY_splits", "sketch_train_mini.txt")}'", error.Message);
        Assert.Contains("SENTRY's 40-class split list", error.Message);
        Assert.Contains("daft data fetch domainnet-splits", error.Message);
    }

    [Fact]
    public void A_missing_full_list_says_where_domainnet_publishes_it()
    {
        var error = Assert.Throws<FileNotFoundException>(() => DomainNetDataset.Load(data.Path, "quickdraw", "test", DomainNetVersion.Full));

        Assert.Contains($"'{Path.Combine(files.Root, "quickdraw_test.txt")}'", error.Message);
        Assert.Contains(DomainNetLayout.FullListsUrl, error.Message);
    }

    [Theory]
    [InlineData("sketch/cat/a.jpg 18\r\n\r\nsketch/cat/b.jpg 18\r\n", 2, "the line is blank")]
    [InlineData("sketch/cat/a.jpg 18\r\nsketch/cat/b.jpg\r\n", 2, "1 field(s) ('sketch/cat/b.jpg')")]
    [InlineData("sketch/cat/a b.jpg 18\r\n", 1, "3 field(s) ('sketch/cat/a' 'b.jpg' '18')")]
    [InlineData("sketch/cat/a.jpg 18\r\nsketch/cat/b.jpg cat\r\n", 2, "label 'cat' is not an integer")]
    [InlineData("sketch/cat/a.jpg 1.5\r\n", 1, "label '1.5' is not an integer")]
    [InlineData("a.jpg 18\r\n", 1, "'a.jpg' names no class folder")]
    [InlineData("sketch/cat/a.jpg 40\r\n", 1, "label 40 is outside 0..39 (SENTRY's 40-class lists)")]
    [InlineData("sketch/cat/a.jpg -1\r\n", 1, "label -1 is outside 0..39")]
    public void A_malformed_line_is_reported_with_its_file_and_line(string text, int line, string what)
    {
        var list = files.RawSentry("sketch", "train", text);

        var error = Assert.Throws<InvalidDataException>(() => DomainNetDataset.Load(data.Path, "sketch", "train"));

        Assert.StartsWith($"'{list}' line {line}: ", error.Message);
        Assert.Contains(what, error.Message);
        Assert.Contains("daft data fetch domainnet-splits", error.Message);
    }

    [Fact]
    public void A_full_list_label_must_be_below_345()
    {
        files.Full("real", "train", [("cat", 345)], images: false);

        var error = Assert.Throws<InvalidDataException>(() => DomainNetDataset.Load(data.Path, "real", "train", DomainNetVersion.Full));

        Assert.Contains("line 1: label 345 is outside 0..344 (DomainNet's 345-class lists)", error.Message);
    }

    [Fact]
    public void A_sentry_label_must_be_the_class_its_folder_has_in_sentrys_lists()
    {
        var list = files.RawSentry("sketch", "test", "sketch/cat/a.jpg 18\r\nsketch/cat/b.jpg 3\r\n");

        var error = Assert.Throws<InvalidDataException>(() => DomainNetDataset.Load(data.Path, "sketch", "test"));

        Assert.Contains($"'{list}' line 2: 'sketch/cat/b.jpg' has label 3, which is 'backpack' in SENTRY's 40-class lists, but is in class folder 'cat' (label 18)", error.Message);
    }

    [Fact]
    public void A_folder_outside_the_40_classes_is_named_as_such()
    {
        files.RawSentry("sketch", "test", "sketch/zebra/a.jpg 3\r\n");

        var error = Assert.Throws<InvalidDataException>(() => DomainNetDataset.Load(data.Path, "sketch", "test"));

        Assert.Contains("class folder 'zebra' (not one of the 40 classes)", error.Message);
    }

    [Fact]
    public void In_full_lists_one_label_naming_two_folders_is_an_error_with_both_places()
    {
        files.Full("real", "train", [("cat", 7), ("dog", 7)], images: false);

        var error = Assert.Throws<InvalidDataException>(() => DomainNetDataset.Load(data.Path, "real", "train", DomainNetVersion.Full));

        Assert.Contains("line 2: 'real/dog/", error.Message);
        Assert.Contains("has label 7, which '" + Path.Combine(files.Root, "real_train.txt") + "' line 1 gives class folder 'cat'", error.Message);
    }

    [Fact]
    public void In_full_lists_one_folder_with_two_labels_is_an_error_across_domains()
    {
        files.Full("real", "test", [("cat", 7)], images: false);
        files.Full("sketch", "test", [("cat", 8)], images: false);

        var error = Assert.Throws<InvalidDataException>(() => DomainNetDataset.Load(data.Path, "real,sketch", "test", DomainNetVersion.Full));

        Assert.Contains("'sketch/cat/", error.Message);
        Assert.Contains("has label 8, but '" + Path.Combine(files.Root, "real_test.txt") + "' line 1 labels class folder 'cat' 7", error.Message);
    }

    [Fact]
    public void A_class_no_list_names_is_an_error()
    {
        files.Full("real", "train", [("cat", 0)]);

        var error = Assert.Throws<InvalidDataException>(() => DomainNetDataset.Load(data.Path, "real", "train", DomainNetVersion.Full));

        Assert.Contains("label(s) 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... have no image in any list", error.Message);
    }

    [Fact]
    public void Missing_images_are_counted_and_the_first_five_named_with_their_lines()
    {
        var paths = files.Sentry("painting", "test", [.. Enumerable.Range(0, 7).Select(i => ("bed", 7))], images: false);
        TinyImages.Jpeg(Path.Combine(files.Root, paths[1]));

        var error = Assert.Throws<FileNotFoundException>(() => DomainNetDataset.Load(data.Path, "painting", "test"));

        Assert.Contains($"DomainNet painting test: images the lists name are missing under '{files.Root}': 6 of 7 (first: ", error.Message);
        Assert.Contains($"'{paths[0]}' (painting_test_mini.txt line 1), '{paths[2]}' (painting_test_mini.txt line 3)", error.Message);
        Assert.Contains($"'{paths[5]}' (painting_test_mini.txt line 6), ...)", error.Message);
        Assert.DoesNotContain(paths[6], error.Message);
        Assert.Contains("http://csr.bu.edu/ftp/visda/2019/multi-source/groundtruth/painting.zip", error.Message);
    }

    [Theory]
    [InlineData("infograph", "'infograph' (in 'infograph') is not one of clipart, painting, real, sketch for the sentry lists")]
    [InlineData("real, sketchy", "'sketchy' (in 'real, sketchy')")]
    [InlineData("all,real", "'all' (in 'all,real')")]
    public void Unknown_domains_are_refused_with_the_valid_ones(string domains, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => DomainNetDataset.Load(data.Path, domains, "train"));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Unknown_splits_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => DomainNetDataset.Load(data.Path, "sketch", "val"));

        Assert.Contains("'val' is not one of train, test", error.Message);
    }
}
