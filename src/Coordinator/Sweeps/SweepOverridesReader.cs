using Daft.Shared.Specs;
using Daft.Shared.Specs.Parsing;

namespace Daft.Coordinator.Sweeps;

/// <summary>
/// Reads <c>overrides:</c>, a list of <c>{when: {axis: label(s), method: name(s)}, set: {key: value list}}</c>. The
/// paper's grids differ by backbone and dataset (daft-spec §2.2); an override changes keys for the points it matches,
/// later overrides winning. Every <c>when</c> value must be one of its axis's values, so a typo is an error, not an
/// override that silently matches nothing.
/// </summary>
internal sealed class SweepOverridesReader(SweepReadContext context, IReadOnlyList<GridAxis> axes, IReadOnlySet<string> methods)
{
    private readonly ErrorList _errors = context.Errors;

    public IReadOnlyList<SweepOverride> Read(YamlValue? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlList list)
        {
            _errors.Add(node.Start, $"`overrides` must be a list of {{when: ..., set: ...}} mappings, got {node.Describe()}");
            return [];
        }

        var overrides = new List<SweepOverride>();
        foreach (var item in list.Items)
        {
            if (item is not YamlMap map)
            {
                _errors.Add(item.Start, $"an override is a mapping {{when: ..., set: ...}}, got {item.Describe()}");
                continue;
            }

            var reader = new MappingReader(map, _errors);
            reader.RejectOtherKeys([SweepKeys.When, SweepKeys.Set], "keys of an override", _ => null);
            reader.Require(SweepKeys.Set, "the keys to change for the matching points, each a value list");
            var when = ReadWhen(reader.Find(SweepKeys.When));
            if (reader.Find(SweepKeys.Set) is { } set && ReadSet(set) is { } changes)
            {
                overrides.Add(new SweepOverride(overrides.Count, when, changes.JobKeys, changes.MethodKeys));
            }
        }

        return overrides;
    }

    private List<OverrideCondition> ReadWhen(YamlValue? node)
    {
        var conditions = new List<OverrideCondition>();
        if (node is null)
        {
            return conditions;
        }

        if (node is not YamlMap map)
        {
            _errors.Add(node.Start, $"`when` must be a mapping of axis → value(s) (and `method`), got {node.Describe()}");
            return conditions;
        }

        var names = axes.Select(axis => axis.Name).Append(SweepKeys.MethodTag).ToList();
        foreach (var entry in map.Entries)
        {
            var key = entry.Key.Value;
            var axisIndex = key == SweepKeys.MethodTag ? -1 : axes.ToList().FindIndex(axis => axis.Name == key);
            if (key != SweepKeys.MethodTag && axisIndex < 0)
            {
                var hint = KeySuggestions.Closest(key, names) is { } s ? $" (did you mean `{s}`?)" : "";
                _errors.Add(entry.Key.Start, $"`when` key `{key}` is not an axis of this grid{hint}; `when` keys: {string.Join(", ", names)}");
                continue;
            }

            var allowed = axisIndex < 0 ? MethodSpec.Names.Where(methods.Contains).ToList() : axes[axisIndex].Labels.ToList();
            if (ReadLabels(entry, allowed, axisIndex < 0 ? "methods of this sweep" : $"values of axis `{key}`") is { } labels)
            {
                conditions.Add(new OverrideCondition(axisIndex, labels));
            }
        }

        return conditions;
    }

    private HashSet<string>? ReadLabels(YamlEntry entry, IReadOnlyList<string> allowed, string what)
    {
        IReadOnlyList<YamlValue> items = entry.Value is YamlList list ? list.Items : [entry.Value];
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var valid = items.Count > 0;
        foreach (var item in items)
        {
            if (item is not YamlText { IsNull: false } text)
            {
                _errors.Add(item.Start, $"`when: {entry.Key.Value}` takes a value or a list of values, got {item.Describe()}");
                valid = false;
            }
            else if (!allowed.Contains(text.Value))
            {
                var hint = KeySuggestions.Closest(text.Value, allowed) is { } s ? $" (did you mean `{s}`?)" : "";
                _errors.Add(text.Start, $"`{text.Value}` is not one of the {what}{hint}: {string.Join(", ", allowed)}");
                valid = false;
            }
            else
            {
                labels.Add(text.Value);
            }
        }

        if (items.Count == 0)
        {
            _errors.Add(entry.Value.Start, $"`when: {entry.Key.Value}` has an empty list: give at least one value");
        }

        return valid ? labels : null;
    }

    private (List<JobKeyValues> JobKeys, List<KeyValues> MethodKeys)? ReadSet(YamlValue node)
    {
        if (node is not YamlMap { Entries.Count: > 0 } map)
        {
            _errors.Add(node.Start, $"`set` must be a mapping of the keys to change (job or method keys), got {node.Describe()}");
            return null;
        }

        var jobKeys = new List<JobKeyValues>();
        var methodKeys = new List<KeyValues>();
        var allowed = SweepKeys.JobFileKeys.Concat(SweepKeys.AllMethodKeys).ToList();
        foreach (var entry in map.Entries)
        {
            var key = entry.Key;
            var isJobKey = SweepKeys.JobFileKeys.Contains(key.Value);
            if (!isJobKey && !SweepKeys.AllMethodKeys.Contains(key.Value))
            {
                var why = key.Value == MethodKeys.Name ? "an override cannot change a job's method: use `when: {method: ...}`"
                    : SweepKeys.ExplainJobKey(key.Value)
                    ?? (KeySuggestions.Closest(key.Value, allowed) is { } s ? $"unknown key `{key.Value}` (did you mean `{s}`?)" : $"unknown key `{key.Value}`");
                _errors.Add(key.Start, $"{why}; `set` takes job keys and method keys: {string.Join(", ", allowed)}");
                continue;
            }

            if ((isJobKey && !context.AllowsHere(key)) || context.Values.Read(key, entry.Value) is not { } values)
            {
                continue;
            }

            if (isJobKey)
            {
                jobKeys.Add(new JobKeyValues(key.Value, [.. values.Select(value => context.ReadJobValue(key, value))]));
            }
            else
            {
                methodKeys.Add(new KeyValues(key, values));
            }
        }

        return (jobKeys, methodKeys);
    }
}
