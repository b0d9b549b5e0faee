using Daft.Datasets.DomainNet;
using Daft.Datasets.Fetch;
using Daft.Datasets.Sources;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.DomainNet;

public sealed class DomainNetSourcesTests : IDisposable
{
    readonly TempFolder data = new();
    readonly DomainNetFiles files;

    public DomainNetSourcesTests() => files = new DomainNetFiles(data);

    public void Dispose() => data.Dispose();

    [Fact]
    public void The_catalog_knows_the_lists_and_the_images()
    {
        Assert.Same(DomainNetSources.Splits, SourceCatalog.Find("domainnet_splits"));
        Assert.Same(DomainNetSources.Images, SourceCatalog.Find("domainnet"));
        Assert.False(DomainNetSources.Images.CanFetch);
    }

    [Fact]
    public void The_eight_sentry_lists_come_from_one_pinned_commit_into_sentry_splits()
    {
        var downloads = DomainNetSources.Splits.Downloads;

        Assert.Equal(8, downloads.Count);
        Assert.All(downloads, d =>
        {
            Assert.StartsWith("https://raw.githubusercontent.com/virajprabhu/SENTRY/7d594a54b5d96d317f8c7be5296d8819a7f1644a/data/DomainNet/txt/", d.File.Url);
            Assert.Equal(ChecksumKind.Sha256, d.File.Checksum.Kind);
            Assert.Equal(ArchiveKind.None, d.Kind);
            Assert.Equal($"domainnet/SENTRY_splits/{d.File.FileName}", d.Map(d.File.FileName));
        });
        var names = downloads.Select(d => d.File.FileName).ToHashSet();
        foreach (var domain in DomainNetLayout.SentryDomains)
            Assert.Superset(new HashSet<string> { $"{domain}_train_mini.txt", $"{domain}_test_mini.txt" }, names);
        Assert.Equal(downloads.Select(d => d.Map(d.File.FileName)), DomainNetSources.Splits.Expected.Select(e => e.RelativePath));
    }

    [Fact]
    public void The_list_check_reports_each_missing_list()
    {
        var report = DomainNetSources.Splits.Check(data.Path);

        Assert.Equal(8, report.Problems.Count);
        Assert.Contains(report.Problems, p => p.Contains(Path.Combine(files.Root, "SENTRY_splits", "real_train_mini.txt")));
    }

    [Fact]
    public void The_image_check_wants_the_lists_first()
    {
        var report = DomainNetSources.Images.Check(data.Path);

        Assert.Equal(8, report.Problems.Count);
        Assert.All(report.Problems, p => Assert.Contains("daft data fetch domainnet-splits", p));
        Assert.Contains("http://ai.bu.edu/M3SDA/", DomainNetSources.Images.Instructions);
        Assert.Contains("http://csr.bu.edu/ftp/visda/2019/multi-source/real.zip", DomainNetSources.Images.Instructions);
    }

    [Fact]
    public void The_image_check_counts_missing_images_per_domain_over_both_lists()
    {
        foreach (var domain in DomainNetLayout.SentryDomains)
        {
            var absent = domain == "real";
            files.Sentry(domain, "train", [("cat", 18), ("dog", 22)], images: !absent);
            files.Sentry(domain, "test", [("cow", 21)], images: !absent);
        }

        var report = DomainNetSources.Images.Check(data.Path);

        var problem = Assert.Single(report.Problems);
        Assert.StartsWith($"real: images SENTRY's lists name are missing under '{files.Root}': 3 of 3 (first: 'real/cat/", problem);
        Assert.Contains("http://csr.bu.edu/ftp/visda/2019/multi-source/real.zip (5.6 GB)", problem);
    }

    [Fact]
    public void A_complete_layout_has_no_problems()
    {
        foreach (var domain in DomainNetLayout.SentryDomains)
        {
            files.Sentry(domain, "train", [("bus", 13)]);
            files.Sentry(domain, "test", [("bus", 13)]);
        }

        Assert.True(DomainNetSources.Images.Check(data.Path).IsComplete);
    }
}
