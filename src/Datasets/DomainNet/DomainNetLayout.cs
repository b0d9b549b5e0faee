namespace Daft.Datasets.DomainNet;

/// <summary>Which split lists DAFT's <c>datasets/domainnet.py</c> reads (its <c>version</c> argument).</summary>
public enum DomainNetVersion
{
    /// <summary>SENTRY's 40-class subset (Prabhu et al., ICCV 2021): <c>SENTRY_splits/{domain}_{split}_mini.txt</c>,
    /// four domains. What every DAFT config uses.</summary>
    Sentry,
    /// <summary>DomainNet's own lists, 345 classes, six domains: <c>{domain}_{split}.txt</c> in the DomainNet folder.</summary>
    Full,
}

/// <summary>
/// DomainNet (Peng et al., ICCV 2019, http://ai.bu.edu/M3SDA/) as DAFT's <c>datasets/domainnet.py</c> reads it:
/// everything under <c>DATA_ROOT/domainnet/</c>, images at the relative paths the lists name
/// (<c>sketch/airplane/sketch_002_000033.jpg</c>), lists of lines <c>relative/path.jpg LABEL</c>.
/// </summary>
public static class DomainNetLayout
{
    public const string Folder = "domainnet";

    /// <summary>Where DAFT looks for the SENTRY lists, under <see cref="Folder"/>.</summary>
    public const string SentryFolder = "SENTRY_splits";

    public static readonly IReadOnlyList<string> Splits = ["train", "test"];

    /// <summary>DAFT's <c>SENTRY_DOMAINS</c>: the domains of the 40-class lists.</summary>
    public static readonly IReadOnlyList<string> SentryDomains = ["clipart", "painting", "real", "sketch"];

    /// <summary>DAFT's <c>VALID_DOMAINS</c>: all six DomainNet domains (the full lists).</summary>
    public static readonly IReadOnlyList<string> AllDomains = ["clipart", "infograph", "painting", "quickdraw", "real", "sketch"];

    /// <summary>SENTRY's 40 classes by label, as all eight <c>_mini</c> lists of SENTRY commit 7d594a5 label them (checked
    /// line by line: every list holds all 40 and maps each folder to the same label). Not alphabetical: 36..39 are
    /// butterfly, sheep, drums, donut.</summary>
    public static readonly IReadOnlyList<string> SentryClasses =
    [
        "airplane", "ambulance", "apple", "backpack", "banana", "bathtub", "bear", "bed", "bee", "bicycle",
        "bird", "book", "bridge", "bus", "cake", "calculator", "camera", "car", "cat", "chair",
        "clock", "cow", "dog", "dolphin", "duck", "elephant", "fence", "fork", "horse", "house",
        "rabbit", "scissors", "strawberry", "table", "telephone", "truck", "butterfly", "sheep", "drums", "donut",
    ];

    /// <summary>Classes of DomainNet's own lists (DAFT's <c>NUM_CLASSES_DICT['full']</c>).</summary>
    public const int FullClassCount = 345;

    /// <summary>The cleaned DomainNet images of the four SENTRY domains, as http://ai.bu.edu/M3SDA/ links them (clipart
    /// and painting were re-released without duplicates under <c>groundtruth/</c>); sizes as that page gives them.</summary>
    public static readonly IReadOnlyList<(string Domain, string Url, string Size)> ImageZips =
    [
        ("clipart", "http://csr.bu.edu/ftp/visda/2019/multi-source/groundtruth/clipart.zip", "1.3 GB"),
        ("painting", "http://csr.bu.edu/ftp/visda/2019/multi-source/groundtruth/painting.zip", "3.7 GB"),
        ("real", "http://csr.bu.edu/ftp/visda/2019/multi-source/real.zip", "5.6 GB"),
        ("sketch", "http://csr.bu.edu/ftp/visda/2019/multi-source/sketch.zip", "2.5 GB"),
    ];

    /// <summary>Where DomainNet publishes its own (full) lists, <c>{domain}_{split}.txt</c>.</summary>
    public const string FullListsUrl = "http://csr.bu.edu/ftp/visda/2019/multi-source/domainnet/txt/";

    public static DomainNetVersion ParseVersion(string version) => version.Trim().ToLowerInvariant() switch
    {
        "sentry" => DomainNetVersion.Sentry,
        "full" => DomainNetVersion.Full,
        _ => throw new ArgumentException($"DomainNet version '{version}' is not one of sentry, full (DAFT's VALID_VERSIONS).", nameof(version)),
    };

    public static int ClassCount(DomainNetVersion version) => version == DomainNetVersion.Sentry ? SentryClasses.Count : FullClassCount;

    public static IReadOnlyList<string> Domains(DomainNetVersion version) => version == DomainNetVersion.Sentry ? SentryDomains : AllDomains;

    /// <summary><c>DATA_ROOT/domainnet</c>: the folder the lists' paths are relative to.</summary>
    public static string Root(string dataRoot) => Path.Combine(Path.GetFullPath(dataRoot), Folder);

    /// <summary>The list of one domain and split, where DAFT's <c>load_dataset</c> reads it.</summary>
    public static string ListPath(string dataRoot, string domain, string split, DomainNetVersion version) =>
        version == DomainNetVersion.Sentry
            ? Path.Combine(Root(dataRoot), SentryFolder, $"{domain}_{split}_mini.txt")
            : Path.Combine(Root(dataRoot), $"{domain}_{split}.txt");

    /// <summary>How to obtain a missing list.</summary>
    public static string ListFix(DomainNetVersion version) => version == DomainNetVersion.Sentry
        ? $"Run `daft data fetch domainnet-splits` (SENTRY's lists, {SentryListsPage}), which puts them in DATA_ROOT/{Folder}/{SentryFolder}/."
        : $"Download it from {FullListsUrl} into DATA_ROOT/{Folder}/.";

    /// <summary>The SENTRY repository's folder of lists, at the commit Daft pins.</summary>
    public const string SentryListsPage = "https://github.com/virajprabhu/SENTRY/tree/7d594a54b5d96d317f8c7be5296d8819a7f1644a/data/DomainNet/txt";

    /// <summary>How to obtain the images of <paramref name="domain"/>.</summary>
    public static string ImagesFix(string domain)
    {
        var zip = ImageZips.FirstOrDefault(z => z.Domain == domain);
        var source = zip.Url is null ? $"{domain}.zip from http://ai.bu.edu/M3SDA/" : $"{zip.Url} ({zip.Size})";
        return $"Download {source} and unzip it in DATA_ROOT/{Folder}/ so that it holds {domain}/<class>/<image>.jpg.";
    }
}
