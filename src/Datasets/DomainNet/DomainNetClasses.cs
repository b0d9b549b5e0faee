namespace Daft.Datasets.DomainNet;

/// <summary>
/// Names the classes of DomainNet lists by the class folder of their paths. Every label must name one folder and every
/// folder carry one label; for SENTRY the folder must also be the one SENTRY's lists give that label
/// (<see cref="DomainNetLayout.SentryClasses"/>), which names the classes even where a list lacks one.
/// </summary>
static class DomainNetClasses
{
    public static IReadOnlyList<string> Name(IReadOnlyList<DomainNetEntry> entries, DomainNetVersion version, string dataRoot, IReadOnlyCollection<string> read)
    {
        var byLabel = new DomainNetEntry?[DomainNetLayout.ClassCount(version)];
        var byFolder = new Dictionary<string, DomainNetEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
            Add(entry, version, byLabel, byFolder);
        if (version == DomainNetVersion.Sentry)
            return DomainNetLayout.SentryClasses;

        // DomainNet's own test lists can lack a class (painting_test.txt has no syringe): take its name from the other
        // lists of the same folder, as the 345 labels are shared by all domains and splits.
        var unnamed = Enumerable.Range(0, byLabel.Length).Where(l => byLabel[l] is null).ToList();
        foreach (var domain in DomainNetLayout.AllDomains)
        {
            foreach (var split in DomainNetLayout.Splits)
            {
                var path = DomainNetLayout.ListPath(dataRoot, domain, split, version);
                if (unnamed.All(l => byLabel[l] is not null) || read.Contains(path) || !File.Exists(path))
                    continue;
                foreach (var entry in DomainNetList.Read(path, version).Where(e => byLabel[e.Label] is null))
                    byLabel[entry.Label] = entry;
            }
        }
        var still = unnamed.Where(l => byLabel[l] is null).ToList();
        if (still.Count > 0)
            throw new InvalidDataException(
                $"DomainNet label(s) {string.Join(", ", still.Take(10))}{(still.Count > 10 ? ", ..." : "")} have no image in any list "
                + $"under '{DomainNetLayout.Root(dataRoot)}', so their class cannot be named; the lists are incomplete. {DomainNetLayout.ListFix(version)}");
        return [.. byLabel.Select(e => e!.Value.ClassFolder)];
    }

    static void Add(DomainNetEntry entry, DomainNetVersion version, DomainNetEntry?[] byLabel, Dictionary<string, DomainNetEntry> byFolder)
    {
        var folder = entry.ClassFolder;
        var where = $"'{entry.List}' line {entry.Line}: '{entry.RelativePath}'";
        if (version == DomainNetVersion.Sentry && DomainNetLayout.SentryClasses[entry.Label] != folder)
        {
            var right = DomainNetLayout.SentryClasses.ToList().IndexOf(folder);
            throw new InvalidDataException(
                $"{where} has label {entry.Label}, which is '{DomainNetLayout.SentryClasses[entry.Label]}' in SENTRY's 40-class lists, but is in class "
                + $"folder '{folder}' ({(right >= 0 ? $"label {right}" : "not one of the 40 classes")}). The list is damaged or not SENTRY's. "
                + DomainNetLayout.ListFix(version));
        }
        if (byLabel[entry.Label] is { } first && first.ClassFolder != folder)
            throw new InvalidDataException(
                $"{where} has label {entry.Label}, which '{first.List}' line {first.Line} gives class folder '{first.ClassFolder}'; one label "
                + $"must name one class. The lists are damaged or from different releases. {DomainNetLayout.ListFix(version)}");
        if (byFolder.TryGetValue(folder, out var other) && other.Label != entry.Label)
            throw new InvalidDataException(
                $"{where} has label {entry.Label}, but '{other.List}' line {other.Line} labels class folder '{folder}' {other.Label}; one class "
                + $"must have one label. The lists are damaged or from different releases. {DomainNetLayout.ListFix(version)}");
        byLabel[entry.Label] ??= entry;
        byFolder.TryAdd(folder, entry);
    }
}
