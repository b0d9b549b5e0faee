using Daft.Shared.Specs;
using Daft.Shared.Specs.Parsing;

namespace Daft.Coordinator.Sweeps;

/// <summary>
/// Reads <c>methods:</c>: a list of method names (each with its configs/methods defaults, the paper's grids) or a
/// mapping of method name → its keys, each a value list. Keys an entry leaves out come from the method's file.
/// </summary>
internal sealed class SweepMethodsReader(SweepReadContext context)
{
    private readonly ErrorList _errors = context.Errors;

    /// <summary>The entries in file order; null when <c>methods</c> has no usable shape (reported).</summary>
    public IReadOnlyList<MethodEntry>? Read(YamlValue node)
    {
        var entries = new List<MethodEntry>();
        switch (node)
        {
            case YamlList list:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in list.Items)
                {
                    if (item is not YamlText { IsNull: false } name)
                    {
                        _errors.Add(item.Start, $"a `methods` list holds method names ({string.Join(", ", MethodSpec.Names)}), got {item.Describe()}");
                    }
                    else if (!seen.Add(name.Value))
                    {
                        _errors.Add(name.Start, $"method `{name.Value}` is listed twice");
                    }
                    else if (IsKnown(name))
                    {
                        entries.Add(Entry(entries.Count, name.Value, name, []));
                    }
                }

                break;
            case YamlMap map:
                foreach (var entry in map.Entries)
                {
                    if (IsKnown(entry.Key) && ReadKeys(entry) is { } keys)
                    {
                        entries.Add(Entry(entries.Count, entry.Key.Value, entry.Key, keys));
                    }
                }

                break;
            default:
                _errors.Add(node.Start, $"`methods` must be a list of method names or a mapping of method → its keys, got {node.Describe()}");
                return null;
        }

        if (entries.Count == 0 && node is YamlList { Count: 0 } or YamlMap { Entries.Count: 0 })
        {
            _errors.Add(node.Start, $"`methods` is empty: name at least one of {string.Join(", ", MethodSpec.Names)}");
        }

        return entries;
    }

    /// <summary>
    /// An entry of <paramref name="method"/>: its own keys, then for each key it leaves out the method file's values,
    /// placed at <paramref name="nameNode"/> so that any error about them points into the sweep file.
    /// </summary>
    public MethodEntry Entry(int index, string method, YamlText nameNode, IReadOnlyList<KeyValues> own)
    {
        var keys = new List<KeyValues>();
        foreach (var key in SweepKeys.MethodKeysOf(method))
        {
            if (own.FirstOrDefault(given => given.Key.Value == key) is { } given)
            {
                keys.Add(given);
            }
            else if (context.Catalog.DefaultsOf(method).FirstOrDefault(d => d.Key.Value == key) is { } fallback)
            {
                keys.Add(new KeyValues(fallback.Key with { Start = nameNode.Start }, [.. fallback.Values.Select(v => v with { Start = nameNode.Start })]));
            }
        }

        return new MethodEntry(index, method, keys, nameNode);
    }

    private bool IsKnown(YamlText name)
    {
        if (SweepKeys.IsMethod(name.Value))
        {
            return true;
        }

        var hint = KeySuggestions.Closest(name.Value, MethodSpec.Names) is { } s ? $" (did you mean `{s}`?)" : "";
        _errors.Add(name.Start, $"unknown method `{name.Value}`{hint}; methods: {string.Join(", ", MethodSpec.Names)}");
        return false;
    }

    private List<KeyValues>? ReadKeys(YamlEntry entry)
    {
        var method = entry.Key.Value;
        if (entry.Value is YamlText { IsNull: true })
        {
            return [];
        }

        if (entry.Value is not YamlMap map)
        {
            _errors.Add(entry.Value.Start, $"method `{method}` takes a mapping of its keys ({string.Join(", ", SweepKeys.MethodKeysOf(method))}), "
                + $"or nothing for its defaults, got {entry.Value.Describe()}");
            return null;
        }

        var allowed = SweepKeys.MethodKeysOf(method);
        new MappingReader(map, _errors).RejectOtherKeys(allowed, $"allowed keys for method {method}", key => ExplainKey(method, key));
        var keys = new List<KeyValues>();
        foreach (var given in map.Entries.Where(given => allowed.Contains(given.Key.Value)))
        {
            if (context.Values.Read(given.Key, given.Value) is { } values)
            {
                keys.Add(new KeyValues(given.Key, values));
            }
        }

        return keys;
    }

    private static string? ExplainKey(string method, string key)
    {
        if (key == MethodKeys.Name)
        {
            return $"`name` is implied: the entry's key (`{method}`) names the method";
        }

        if (JobKeys.TopLevel.Contains(key))
        {
            return $"`{key}` is a job key: set it in `defaults:` or `grid:`, or for {method} only in an override with `when: {{method: {method}}}`";
        }

        var owners = MethodSpec.Names.Where(name => SweepKeys.MethodKeysOf(name).Contains(key)).ToList();
        return owners.Count == 0 ? null : $"`{key}` does not apply to method {method} (only to {string.Join(", ", owners)})";
    }
}
