using System.Text.Json;

namespace Daft.Datasets.Breeds;

/// <summary>One ImageNet class of <c>dataset_class_info.json</c>: its standard index, wnid and names.</summary>
public readonly record struct LeafClass(int Number, string Wnid, string Name);

/// <summary>
/// The three BREEDS hierarchy files (MadryLab/BREEDS-Benchmarks <c>imagenet_class_hierarchy/modified/</c>), read
/// as robustness's <c>ClassHierarchy.__init__</c> reads them: <c>dataset_class_info.json</c>, a JSON list of
/// <c>[number, wnid, name]</c>; <c>class_hierarchy.txt</c>, one <c>parent child</c> edge per line (stripped,
/// split on whitespace); <c>node_names.txt</c>, one <c>wnid&lt;TAB&gt;name</c> per line (stripped, split on tabs,
/// fields after the second ignored, a later line for the same wnid winning). Lines Python could not unpack
/// (an edge without exactly two fields, a name line without a tab) are errors here too, with their line number.
/// </summary>
public sealed record HierarchyFiles(IReadOnlyList<LeafClass> Leaves, IReadOnlyList<(string Parent, string Child)> Edges,
    IReadOnlyDictionary<string, string> NodeNames)
{
    public const string ClassInfoFile = "dataset_class_info.json";
    public const string EdgesFile = "class_hierarchy.txt";
    public const string NamesFile = "node_names.txt";

    /// <summary>The files in the order the library checks for them (<c>REQUIRED_FILES</c>).</summary>
    public static readonly IReadOnlyList<string> Names = [ClassInfoFile, EdgesFile, NamesFile];

    /// <summary>Reads the three files from <paramref name="infoDir"/>.</summary>
    public static HierarchyFiles Read(string infoDir)
    {
        infoDir = Path.GetFullPath(infoDir);
        var missing = Names.Where(name => !File.Exists(Path.Combine(infoDir, name))).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"The BREEDS hierarchy folder '{infoDir}' lacks {string.Join(", ", missing)}; it needs {string.Join(", ", Names)} "
                + "from https://github.com/MadryLab/BREEDS-Benchmarks (imagenet_class_hierarchy/modified/). "
                + "`daft data fetch breeds-hierarchy` downloads them.");
        return new(ReadLeaves(Path.Combine(infoDir, ClassInfoFile)), ReadEdges(Path.Combine(infoDir, EdgesFile)),
            ReadNames(Path.Combine(infoDir, NamesFile)));
    }

    static List<LeafClass> ReadLeaves(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return [.. document.RootElement.EnumerateArray().Select((entry, i) => entry.GetArrayLength() >= 3
                ? new LeafClass(entry[0].GetInt32(), entry[1].GetString()!, entry[2].GetString()!)
                : throw new InvalidDataException($"entry {i} has {entry.GetArrayLength()} field(s)"))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidDataException or FormatException)
        {
            throw new InvalidDataException(
                $"'{path}' is not a BREEDS class list ({e.Message}); expected a JSON list of [number, \"wnid\", \"name\"] "
                + "entries, as in BREEDS-Benchmarks.", e);
        }
    }

    static List<(string, string)> ReadEdges(string path)
    {
        var edges = new List<(string, string)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2)
                throw new InvalidDataException(
                    $"{path}:{number}: {fields.Length} field(s) where an edge 'parent child' (two wnids) was expected.");
            edges.Add((fields[0], fields[1]));
        }
        return edges;
    }

    static Dictionary<string, string> ReadNames(string path)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var fields = line.Trim().Split('\t');
            if (fields.Length < 2)
                throw new InvalidDataException($"{path}:{number}: no tab; a line is 'wnid<TAB>name'.");
            names[fields[0]] = fields[1];
        }
        return names;
    }
}
