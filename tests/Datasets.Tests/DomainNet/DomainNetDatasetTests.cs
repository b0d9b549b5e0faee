using Daft.Datasets.DomainNet;
using Daft.Datasets.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.DomainNet;

public sealed class DomainNetDatasetTests : IDisposable
{
    readonly TempFolder data = new();
    readonly DomainNetFiles files;

    public DomainNetDatasetTests() => files = new DomainNetFiles(data);

    public void Dispose() => data.Dispose();

    [Fact]
    public void Sentry_list_gives_files_in_list_order_with_their_labels_and_the_40_sentry_classes()
    {
        var paths = files.Sentry("sketch", "train", [("airplane", 0), ("donut", 39), ("butterfly", 36), ("airplane", 0)]);

        var split = DomainNetDataset.Load(data.Path, "sketch", "train");

        Assert.Equal("sketch_train", split.Name);
        Assert.Equal(paths.Select(p => Path.Combine(files.Root, p)), split.Files.Select(f => f.Path));
        Assert.Equal([0, 39, 36, 0], split.Files.Select(f => f.Label));
        Assert.Equal(40, split.Classes.Count);
        Assert.Equal("butterfly", split.Classes[36]);
        Assert.Equal(DomainNetLayout.SentryClasses, split.Classes);
        Assert.All(split.Files, f => Assert.True(File.Exists(f.Path)));
    }

    [Fact]
    public void A_comma_separated_domain_list_concatenates_the_lists_in_that_order_as_dafts_ood_val_does()
    {
        var real = files.Sentry("real", "test", [("cat", 18), ("dog", 22)]);
        var painting = files.Sentry("painting", "test", [("bee", 8)]);
        var clipart = files.Sentry("clipart", "test", [("fork", 27)]);

        var split = DomainNetDataset.Load(data.Path, "real,painting,clipart", "test", name: "ood_val");

        Assert.Equal("ood_val", split.Name);
        Assert.Equal(real.Concat(painting).Concat(clipart).Select(p => Path.Combine(files.Root, p)), split.Files.Select(f => f.Path));
        Assert.Equal([18, 22, 8, 27], split.Files.Select(f => f.Label));
    }

    [Fact]
    public void All_means_the_four_sentry_domains_in_dafts_order()
    {
        foreach (var domain in new[] { "sketch", "real", "painting", "clipart" })
            files.Sentry(domain, "test", [("bus", 13)]);

        var split = DomainNetDataset.Load(data.Path, "all", "test");

        Assert.Equal(["clipart", "painting", "real", "sketch"], split.Files.Select(f => Path.GetRelativePath(files.Root, f.Path).Split('/')[0]));
        Assert.Equal(["clipart", "painting", "real", "sketch"], DomainNetDataset.ParseDomains("all", DomainNetVersion.Sentry));
        Assert.Equal(6, DomainNetDataset.ParseDomains("all", DomainNetVersion.Full).Count);
    }

    [Fact]
    public void Lf_line_ends_and_runs_of_white_space_split_as_pythons_str_split_does()
    {
        TinyImages.Jpeg(Path.Combine(files.Root, "real/cat/a.jpg"));
        TinyImages.Jpeg(Path.Combine(files.Root, "real/dog/b.jpg"));
        files.RawSentry("real", "train", "real/cat/a.jpg\t18\n  real/dog/b.jpg   22  \n");

        var split = DomainNetDataset.Load(data.Path, "real", "train");

        Assert.Equal([18, 22], split.Files.Select(f => f.Label));
    }

    [Fact]
    public void Full_lists_are_read_from_the_domainnet_folder_and_name_their_345_classes_from_the_class_folders()
    {
        files.Full("quickdraw", "train", [("aircraft_carrier", 0), ("airplane", 1)], images: false);
        files.Full("sketch", "test", [.. Enumerable.Range(0, 345).Select(l => ($"class_{l:D3}", l))], images: false);
        // Like painting_test.txt, which has no syringe: labels a list lacks are named from the other lists there,
        // in DAFT's domain order (quickdraw before sketch); their images are not needed.
        var paths = files.Full("infograph", "test", [("zigzag", 344), ("airplane", 1)]);

        var split = DomainNetDataset.Load(data.Path, "infograph", "test", DomainNetVersion.Full);

        Assert.Equal(paths.Select(p => Path.Combine(files.Root, p)), split.Files.Select(f => f.Path));
        Assert.Equal([344, 1], split.Files.Select(f => f.Label));
        Assert.Equal(345, split.Classes.Count);
        Assert.Equal(("aircraft_carrier", "airplane", "class_002", "zigzag"), (split.Classes[0], split.Classes[1], split.Classes[2], split.Classes[344]));
    }

    [Fact]
    public void Versions_parse_from_dafts_config_strings()
    {
        Assert.Equal(DomainNetVersion.Sentry, DomainNetLayout.ParseVersion("sentry"));
        Assert.Equal(DomainNetVersion.Full, DomainNetLayout.ParseVersion("Full"));
        var error = Assert.Throws<ArgumentException>(() => DomainNetLayout.ParseVersion("mini"));
        Assert.Contains("'mini' is not one of sentry, full", error.Message);
    }
}
