using Daft.Datasets.Fetch;
using Daft.Datasets.Files;
using Daft.Datasets.Sources;

namespace Daft.Datasets.DomainNet;

/// <summary>
/// DomainNet's two sources: SENTRY's 40-class split lists, published in the SENTRY repository (downloaded, pinned to
/// commit 7d594a5 by the sha256 of each file as that commit stores it, CRLF line ends included), and the images,
/// which the user downloads (four zips, 13 GB, from the DomainNet page).
/// </summary>
public static class DomainNetSources
{
    const string Commit = "7d594a54b5d96d317f8c7be5296d8819a7f1644a";
    const string Raw = $"https://raw.githubusercontent.com/virajprabhu/SENTRY/{Commit}/data/DomainNet/txt/";

    /// <summary>The eight lists: name, bytes, sha256, lines (images), as SENTRY's commit 7d594a5 holds them.</summary>
    static readonly (string Name, long Bytes, string Sha256, int Lines)[] SentryLists =
    [
        ("clipart_test_mini", 66_796, "5f58787c0b9dd9bb9c14d6cbb799a2cfaa72d261afbe8261446ef6cfc69a86a1", 1_616),
        ("clipart_train_mini", 153_231, "20857ecfb196b665d0cd2588c910c50c596b18c09950de48e3191bb55075124e", 3_707),
        ("painting_test_mini", 126_043, "512430aa5c2e9ba10b7ddcd55c73e8093c392897cb004bde0d867027e35ac9c4", 2_909),
        ("painting_train_mini", 291_462, "2e97361f3c86be8cdf38acd81de930d919f6e5d10149e6e3f552c1b343ad3250", 6_727),
        ("real_test_mini", 244_688, "2140c39456692908b1130e2ef24560fd29c98fe659ed0b91813ce289f7f18774", 6_943),
        ("real_train_mini", 568_839, "c7e03d5e3a6ad7f05bc3fe9e2021febf8d4298563e702874bfd28812833819a3", 16_141),
        ("sketch_test_mini", 94_760, "6119a9f562fa14a1290b06999f86bb68edebc349bdf28e15ec0832af62d60f3b", 2_399),
        ("sketch_train_mini", 218_726, "787c4800e37e417d5e15ff7ca327508e0a590fe848e40139c0d8600d29bcf9ac", 5_537),
    ];

    static string Target(string name) => $"{DomainNetLayout.Folder}/{DomainNetLayout.SentryFolder}/{name}.txt";

    public static readonly DownloadedSource Splits = new("domainnet-splits",
        $"SENTRY's DomainNet split lists (40 classes; {SentryLists.Sum(l => l.Lines):N0} images in 4 domains x train/test; "
        + "Prabhu et al. 2021), from the SENTRY repository",
        DomainNetLayout.SentryListsPage,
        [.. SentryLists.Select(l => new Download(new RemoteFile(Raw + l.Name + ".txt", l.Name + ".txt", l.Bytes, Checksum.Sha256(l.Sha256)),
            ArchiveKind.None, _ => Target(l.Name)))],
        [.. SentryLists.Select(l => new ExpectedFile(Target(l.Name), l.Bytes, Checksum.Sha256(l.Sha256)))]);

    public static readonly ManualSource Images = new("domainnet",
        "DomainNet images of clipart, painting, real and sketch (cleaned release; Peng et al. 2019), 13 GB, downloaded by hand",
        "Download the cleaned DomainNet images of the four SENTRY domains from http://ai.bu.edu/M3SDA/ ("
        + string.Join(", ", DomainNetLayout.ImageZips.Select(z => $"{z.Url}, {z.Size}"))
        + ") and unzip each in DATA_ROOT/domainnet/, so that it holds clipart/, painting/, real/ and sketch/ with one folder per "
        + "class; then run `daft data fetch domainnet-splits` for the lists (DATA_ROOT/domainnet/SENTRY_splits/).",
        (dataRoot, _) => Problems(dataRoot));

    /// <summary>Per domain: its lists, then every image they name.</summary>
    static IEnumerable<string> Problems(string dataRoot)
    {
        var root = DomainNetLayout.Root(dataRoot);
        foreach (var domain in DomainNetLayout.SentryDomains)
        {
            var entries = new List<DomainNetEntry>();
            foreach (var split in DomainNetLayout.Splits)
            {
                var list = DomainNetLayout.ListPath(dataRoot, domain, split, DomainNetVersion.Sentry);
                string? problem = null;
                try
                {
                    entries.AddRange(DomainNetList.Read(list, DomainNetVersion.Sentry));
                }
                catch (Exception e) when (e is IOException or InvalidDataException)
                {
                    problem = e.Message;
                }
                if (problem is not null)
                    yield return problem;
            }
            var missing = MissingFiles.Find(entries, e => Path.Combine(root, e.RelativePath));
            if (missing.Count > 0)
                yield return $"{domain}: images SENTRY's lists name are missing under '{root}': "
                    + MissingFiles.Summary(missing, entries.Count, e => $"'{e.RelativePath}'") + ". " + DomainNetLayout.ImagesFix(domain);
        }
    }
}
