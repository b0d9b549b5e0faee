using System.Reflection;
using Daft.Shared.Specs;
using Daft.Shared.Specs.Parsing;

namespace Daft.Coordinator.Sweeps;

/// <summary>
/// The methods' sweep defaults and the named grids: configs/methods/&lt;method&gt;.yaml (the keys a sweep's method
/// entry gets when it leaves them out: the paper's grids, daft-spec §2.2) and configs/methods/grids.yaml (lists a
/// sweep names with <c>{grid: NAME}</c>). Embedded in the daft executable, like the datasets, so that a sweep expands
/// the same without a checkout.
/// </summary>
internal sealed class MethodCatalog
{
    private const string ResourcePrefix = "methods/";
    private const string GridsFile = "grids";

    private static readonly Lazy<MethodCatalog> BuiltinCatalog = new(LoadBuiltin);

    private readonly Dictionary<string, IReadOnlyList<YamlText>> _grids;
    private readonly Dictionary<string, IReadOnlyList<KeyValues>> _defaults;

    private MethodCatalog(Dictionary<string, IReadOnlyList<YamlText>> grids, Dictionary<string, IReadOnlyList<KeyValues>> defaults)
    {
        _grids = grids;
        _defaults = defaults;
    }

    /// <summary>The catalog built into this executable.</summary>
    /// <exception cref="ConfigException">A built-in file is invalid (a build that ships it is broken; a test loads them).</exception>
    public static MethodCatalog Builtin => BuiltinCatalog.Value;

    /// <summary>The named grids, sorted.</summary>
    public IReadOnlyList<string> GridNames => [.. _grids.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The values of the named grid, or null.</summary>
    public IReadOnlyList<YamlText>? Grid(string name) => _grids.GetValueOrDefault(name);

    /// <summary>The default keys of <paramref name="method"/> (empty for a method without a file), in schema order.</summary>
    public IReadOnlyList<KeyValues> DefaultsOf(string method) => _defaults.GetValueOrDefault(method) ?? [];

    /// <summary>Reads a catalog from file texts (name without .yaml → text); <c>grids</c> holds the named grids.</summary>
    /// <exception cref="ConfigException">Every error of every file.</exception>
    public static MethodCatalog Parse(IReadOnlyDictionary<string, string> files, string folder)
    {
        var problems = new List<ConfigError>();
        var grids = new Dictionary<string, IReadOnlyList<YamlText>>(StringComparer.Ordinal);
        if (files.TryGetValue(GridsFile, out var gridsText))
        {
            var errors = new ErrorList($"{folder}/{GridsFile}.yaml");
            ReadGrids(YamlTreeReader.Read(gridsText, errors), errors, grids);
            Collect(errors, problems);
        }

        var defaults = new Dictionary<string, IReadOnlyList<KeyValues>>(StringComparer.Ordinal);
        foreach (var (name, text) in files.Where(file => file.Key != GridsFile).OrderBy(file => file.Key, StringComparer.Ordinal))
        {
            var errors = new ErrorList($"{folder}/{name}.yaml");
            if (!SweepKeys.IsMethod(name))
            {
                errors.AddForFile($"a method file is named after its method ({string.Join(", ", MethodSpec.Names)}) or is grids.yaml");
            }
            else if (ReadDefaults(name, YamlTreeReader.Read(text, errors), errors, grids) is { } keys)
            {
                defaults.Add(name, keys);
            }

            Collect(errors, problems);
        }

        return problems.Count == 0 ? new MethodCatalog(grids, defaults) : throw new ConfigException(problems);
    }

    private static void ReadGrids(YamlValue? root, ErrorList errors, Dictionary<string, IReadOnlyList<YamlText>> grids)
    {
        if (root is not YamlMap map)
        {
            errors.AddForFile("grids.yaml is a mapping of grid names to lists of values");
            return;
        }

        var reader = new ValueListReader(errors, _ => null, []);
        foreach (var entry in map.Entries)
        {
            if (entry.Value is not YamlList)
            {
                errors.Add(entry.Value.Start, $"grid `{entry.Key.Value}` must be a list of values");
            }
            else if (reader.Read(entry.Key, entry.Value) is { } values)
            {
                grids.Add(entry.Key.Value, values);
            }
        }
    }

    private static List<KeyValues>? ReadDefaults(string method, YamlValue? root, ErrorList errors, Dictionary<string, IReadOnlyList<YamlText>> grids)
    {
        if (root is not YamlMap map)
        {
            errors.AddForFile($"a method file is a mapping of {method}'s keys to value lists");
            return null;
        }

        var allowed = SweepKeys.MethodKeysOf(method).Prepend(SweepKeys.Description).ToList();
        new MappingReader(map, errors).RejectOtherKeys(allowed, $"keys of {method}.yaml", _ => null);
        var reader = new ValueListReader(errors, grids.GetValueOrDefault, [.. grids.Keys]);
        var keys = new List<KeyValues>();
        foreach (var key in SweepKeys.MethodKeysOf(method))
        {
            if (map.Entries.FirstOrDefault(entry => entry.Key.Value == key) is { } entry && reader.Read(entry.Key, entry.Value) is { } values)
            {
                keys.Add(new KeyValues(entry.Key, values));
            }
        }

        return keys;
    }

    private static void Collect(ErrorList errors, List<ConfigError> problems)
    {
        if (!errors.IsEmpty)
        {
            problems.AddRange(errors.ToException().Errors);
        }
    }

    private static MethodCatalog LoadBuiltin()
    {
        var assembly = typeof(MethodCatalog).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".yaml", StringComparison.Ordinal))
            .ToDictionary(name => name[ResourcePrefix.Length..^".yaml".Length], name => ReadResource(assembly, name), StringComparer.Ordinal);
        return Parse(files, "configs/methods");
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
