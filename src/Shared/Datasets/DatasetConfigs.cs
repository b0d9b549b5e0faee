using System.Reflection;
using Daft.Shared.Specs;
using Daft.Shared.Specs.Parsing;

namespace Daft.Shared.Datasets;

/// <summary>
/// The datasets jobs can name: the built-in ones (<c>configs/datasets/*.yaml</c>, embedded in this assembly so
/// every executable knows them) and user files given by path. configs/README.md documents the format.
/// </summary>
public static class DatasetConfigs
{
    const string ResourcePrefix = "datasets/";

    static readonly Lazy<IReadOnlyList<DatasetConfig>> BuiltinConfigs = new(LoadBuiltin);

    /// <summary>The built-in datasets, sorted by name.</summary>
    public static IReadOnlyList<DatasetConfig> Builtin => BuiltinConfigs.Value;

    /// <summary>Built-in names, sorted.</summary>
    public static IReadOnlyList<string> Names => [.. Builtin.Select(c => c.Name)];

    /// <summary>Whether a job's <c>dataset:</c> value names a file rather than a built-in dataset.</summary>
    public static bool IsPath(string dataset) =>
        dataset.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || dataset.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The built-in dataset named <paramref name="name"/> (<c>-</c> and <c>_</c> alike), or null.</summary>
    public static DatasetConfig? Find(string name)
    {
        var key = name.Trim().Replace('-', '_');
        return Builtin.FirstOrDefault(c => string.Equals(c.Name, key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A job's <c>dataset:</c> value resolved: a built-in name, or a dataset file's path.</summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    /// <exception cref="ConfigException">The file cannot be read or is invalid.</exception>
    public static DatasetConfig Resolve(string dataset) =>
        IsPath(dataset) ? Load(dataset)
            : Find(dataset) ?? throw new ArgumentException($"Unknown dataset '{dataset}'. Known datasets: {string.Join(", ", Names)}; "
                + "or give the path of a dataset file (NAME.yaml, see configs/README.md).", nameof(dataset));

    /// <summary>Reads the dataset file at <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">The file cannot be read or is invalid; every error has its line.</exception>
    public static DatasetConfig Load(string path) => Parse(ConfigFiles.ReadText(path, "dataset file"), path);

    /// <summary>Parses dataset-file text; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="ConfigException">The text is not a valid dataset file.</exception>
    public static DatasetConfig Parse(string yaml, string sourceName)
    {
        var errors = new ErrorList(sourceName);
        var root = YamlTreeReader.Read(yaml, errors);
        var config = new DatasetConfigParser(errors).Parse(root);
        return config is not null && errors.IsEmpty ? config : throw errors.ToException();
    }

    static IReadOnlyList<DatasetConfig> LoadBuiltin()
    {
        var assembly = typeof(DatasetConfigs).Assembly;
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                .Select(n => Parse(ReadResource(assembly, n), "configs/" + n))
                .OrderBy(c => c.Name, StringComparer.Ordinal),
        ];
    }

    static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
