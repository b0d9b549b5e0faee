using Daft.Datasets.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.DomainNet;

/// <summary>Writes DomainNet lists in the published format (SENTRY's: <c>domain/class/domain_CCC_NNNNNN.jpg LABEL</c>
/// with CRLF line ends) and the tiny JPEGs they name, under a test data root.</summary>
sealed class DomainNetFiles(TempFolder root)
{
    int serial;

    public string Root => Path.Combine(root.Path, "domainnet");

    /// <summary>One list line per (class, label), in order; the images too unless <paramref name="images"/> is false.
    /// Returns the lines' relative paths.</summary>
    public string[] Sentry(string domain, string split, (string Class, int Label)[] items, bool images = true) =>
        Write(Path.Combine(Root, "SENTRY_splits", $"{domain}_{split}_mini.txt"), domain, items, images);

    /// <summary>A list of DomainNet's own, <c>domainnet/{domain}_{split}.txt</c>.</summary>
    public string[] Full(string domain, string split, (string Class, int Label)[] items, bool images = true) =>
        Write(Path.Combine(Root, $"{domain}_{split}.txt"), domain, items, images);

    string[] Write(string list, string domain, (string Class, int Label)[] items, bool images)
    {
        var paths = items.Select(i => $"{domain}/{i.Class}/{domain}_{i.Label:D3}_{++serial:D6}.jpg").ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(list)!);
        File.WriteAllText(list, string.Concat(paths.Zip(items, (p, i) => $"{p} {i.Label}\r\n")));
        if (images)
        {
            foreach (var path in paths)
                TinyImages.Jpeg(Path.Combine(Root, path));
        }
        return paths;
    }

    /// <summary>Writes a list file with exactly <paramref name="text"/>.</summary>
    public string RawSentry(string domain, string split, string text) =>
        root.Write(Path.Combine("domainnet", "SENTRY_splits", $"{domain}_{split}_mini.txt"), text);
}
