using System.Globalization;

namespace Daft.Datasets.DomainNet;

/// <summary>One line of a DomainNet list: the image path relative to <c>DATA_ROOT/domainnet</c>, its label, and where
/// it was read (for errors).</summary>
public readonly record struct DomainNetEntry(string RelativePath, int Label, string List, int Line)
{
    /// <summary>The class folder the path names: the folder holding the image (<c>sketch/airplane/x.jpg</c> → airplane).</summary>
    public string ClassFolder => RelativePath.Split('/', '\\')[^2];
}

/// <summary>
/// Reads one DomainNet list as DAFT's <c>load_dataset</c> does (<c>[line.split() for line in f]</c>, then
/// <c>path, y = ...; int(y)</c>): Python's universal newlines, so the CRLF of SENTRY's files or LF alike; each line
/// split on runs of whitespace into exactly a path and an integer label. Anything else would crash DAFT (a blank line
/// in <c>get_num_classes</c>, a third field when the item is unpacked), so it is an error naming the file and line.
/// </summary>
public static class DomainNetList
{
    public static IReadOnlyList<DomainNetEntry> Read(string path, DomainNetVersion version)
    {
        path = Path.GetFullPath(path);
        var classes = DomainNetLayout.ClassCount(version);
        var name = version == DomainNetVersion.Sentry ? $"SENTRY's {classes}-class" : $"DomainNet's {classes}-class";
        if (!File.Exists(path))
            throw new FileNotFoundException($"No DomainNet list at '{path}' ({name} split list). {DomainNetLayout.ListFix(version)}", path);
        var entries = new List<DomainNetEntry>();
        using var reader = new StreamReader(path);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2)
                throw new InvalidDataException(
                    $"'{path}' line {number}: {Describe(fields)}; each line of a DomainNet list is `relative/path.jpg LABEL` "
                    + $"(two fields separated by white space). {Repair(version)}");
            if (!int.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var label))
                throw new InvalidDataException(
                    $"'{path}' line {number}: label '{fields[1]}' is not an integer; each line is `relative/path.jpg LABEL`. {Repair(version)}");
            if (label < 0 || label >= classes)
                throw new InvalidDataException(
                    $"'{path}' line {number}: label {label} is outside 0..{classes - 1} ({name} lists). {Repair(version)}");
            if (fields[0].Split('/', '\\').Length < 2)
                throw new InvalidDataException(
                    $"'{path}' line {number}: '{fields[0]}' names no class folder; DomainNet paths are <domain>/<class>/<image>.jpg. {Repair(version)}");
            entries.Add(new DomainNetEntry(fields[0], label, path, number));
        }
        return entries;
    }

    static string Describe(string[] fields) => fields.Length == 0
        ? "the line is blank"
        : $"{fields.Length} field(s) ({string.Join(" ", fields.Take(4).Select(f => $"'{f}'"))})";

    static string Repair(DomainNetVersion version) => $"The file is damaged or not a DomainNet list; replace it. {DomainNetLayout.ListFix(version)}";
}
