using System.Text.RegularExpressions;
using Daft.Datasets.Fetch;
using Daft.Datasets.Sources;
using Daft.Shared.Datasets;

namespace Daft.Datasets.Tests.Sources;

public class SourceCatalogTests
{
    [Fact]
    public void Names_are_unique_and_found_with_either_separator()
    {
        Assert.Equal(SourceCatalog.All.Count, SourceCatalog.All.Select(s => SourceCatalog.Normalize(s.Name)).Distinct().Count());
        Assert.Same(DigitSources.MnistMBuilt, SourceCatalog.Find("mnist_m"));
        Assert.Same(PaperSources.Cifar10C, SourceCatalog.Find("CIFAR10_C"));
        Assert.Null(SourceCatalog.Find("imagenet22k"));
    }

    [Fact]
    public void Every_built_in_dataset_reads_only_known_sources()
    {
        foreach (var dataset in DatasetConfigs.Builtin)
            foreach (var source in dataset.Sources)
                Assert.True(SourceCatalog.Find(source) is not null, $"{dataset.SourceFile}: unknown source '{source}'");
    }

    [Fact]
    public void Dependencies_come_first_and_each_source_once()
    {
        var ordered = SourceCatalog.WithDependencies([DigitSources.MnistMBuilt, DigitSources.Mnist]);

        Assert.Equal(["mnist", "photos", "mnist-m"], ordered.Select(s => s.Name));
    }

    [Fact]
    public void Published_files_carry_well_formed_digests_and_urls()
    {
        var lengths = new Dictionary<ChecksumKind, int> { [ChecksumKind.Sha256] = 64, [ChecksumKind.Md5] = 32, [ChecksumKind.GitBlobSha1] = 40 };
        foreach (var source in SourceCatalog.All.OfType<DownloadedSource>())
        {
            foreach (var download in source.Downloads)
            {
                var file = download.File;
                Assert.Matches(new Regex("^https?://[^ ]+$"), file.Url);
                Assert.Matches(new Regex($"^[0-9a-f]{{{lengths[file.Checksum.Kind]}}}$"), file.Checksum.Hex);
                Assert.False(file.FileName.Contains('/'), $"{source.Name}: {file.FileName}");
            }
            Assert.NotEmpty(source.Expected);
        }
    }

    [Fact]
    public void An_empty_data_root_lists_every_expected_file_as_missing()
    {
        var root = Path.Combine(Path.GetTempPath(), "daft-empty-data-root");

        var report = PaperSources.Stl10.Check(root);

        Assert.False(report.IsComplete);
        Assert.Equal(PaperSources.Stl10.Expected.Count, report.Problems.Count);
        Assert.Equal($"missing '{Path.Combine(root, "stl10_binary", "test_X.bin")}'", report.Problems[0]);
    }
}
