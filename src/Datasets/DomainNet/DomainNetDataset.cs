using Daft.Datasets.Files;

namespace Daft.Datasets.DomainNet;

/// <summary>
/// DomainNet splits as DAFT's <c>datasets/domainnet.py</c> builds them: the lists of the named domains read in the
/// order given and concatenated, files in list order, label as listed. DAFT's configs use the SENTRY version:
/// train <c>sketch</c>/<c>train</c>, ID <c>sketch</c>/<c>test</c>, OOD each of <c>real</c>, <c>painting</c>,
/// <c>clipart</c> <c>test</c> and their union <c>real,painting,clipart</c> (daft-spec §3).
/// </summary>
public static class DomainNetDataset
{
    /// <summary>One split of one or more domains; every image it lists must exist.</summary>
    /// <param name="dataRoot">The data root; lists and images are under <c>DATA_ROOT/domainnet/</c>.</param>
    /// <param name="domains">DAFT's <c>domain</c> argument: one domain, a comma-separated list (read in that order), or <c>all</c>.</param>
    /// <param name="split"><c>train</c> or <c>test</c>.</param>
    /// <param name="version">Which lists: SENTRY's 40-class ones (DAFT's default) or DomainNet's 345-class ones.</param>
    /// <param name="name">The split's name in results; by default <c>{domains}_{split}</c>.</param>
    public static FileSplit Load(string dataRoot, string domains, string split, DomainNetVersion version = DomainNetVersion.Sentry,
        string? name = null)
    {
        var chosen = ParseDomains(domains, version);
        if (!DomainNetLayout.Splits.Contains(split))
            throw new ArgumentException($"DomainNet split '{split}' is not one of {string.Join(", ", DomainNetLayout.Splits)} (DAFT's VALID_SPLITS).", nameof(split));
        var root = DomainNetLayout.Root(dataRoot);
        var lists = chosen.Select(d => DomainNetLayout.ListPath(dataRoot, d, split, version)).ToList();
        var entries = lists.SelectMany(l => DomainNetList.Read(l, version)).ToList();
        var classes = DomainNetClasses.Name(entries, version, dataRoot, lists);
        var missing = MissingFiles.Find(entries, e => Path.Combine(root, e.RelativePath));
        if (missing.Count > 0)
        {
            var domainsMissing = missing.Select(e => e.RelativePath.Split('/', '\\')[0]).Distinct().ToList();
            throw new FileNotFoundException(
                $"DomainNet {string.Join(",", chosen)} {split}: images the lists name are missing under '{root}': "
                + MissingFiles.Summary(missing, entries.Count, e => $"'{e.RelativePath}' ({Path.GetFileName(e.List)} line {e.Line})")
                + ". " + string.Join(" ", domainsMissing.Take(3).Select(DomainNetLayout.ImagesFix)));
        }
        var files = entries.Select(e => new LabeledFile(Path.Combine(root, e.RelativePath), e.Label)).ToList();
        return new FileSplit(name ?? $"{string.Join(",", chosen)}_{split}", files, classes);
    }

    /// <summary>DAFT's parsing of <c>domain</c>: split on commas; <c>all</c> alone means every domain of the version;
    /// each must be a domain of the version (four for SENTRY, six for the full lists).</summary>
    public static IReadOnlyList<string> ParseDomains(string domains, DomainNetVersion version)
    {
        var valid = DomainNetLayout.Domains(version);
        var parts = domains.Split(',').Select(d => d.Trim()).ToList();
        if (parts is ["all"])
            return valid;
        foreach (var part in parts)
        {
            if (!valid.Contains(part))
                throw new ArgumentException(
                    $"DomainNet domain '{part}' (in '{domains}') is not one of {string.Join(", ", valid)} for the {version.ToString().ToLowerInvariant()} "
                    + "lists; give one domain, a comma-separated list, or 'all'.", nameof(domains));
        }
        return parts;
    }
}
