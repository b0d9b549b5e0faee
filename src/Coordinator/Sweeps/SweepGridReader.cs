using System.Text.RegularExpressions;
using Daft.Shared.Specs.Parsing;

namespace Daft.Coordinator.Sweeps;

/// <summary>
/// Reads <c>grid:</c>: each key is an axis. A job key takes a value list (<c>run_num: [1, 2, 3]</c>); any other name is
/// a labelled axis whose values are mappings with a <c>label</c> and the job keys they set
/// (<c>model: [{label: moco_v2, backbone: resnet50, weights: ...}]</c>). A key may belong to one axis only.
/// </summary>
internal sealed partial class SweepGridReader(SweepReadContext context)
{
    private const string Shape = "a grid key is a job key with its values (e.g. `run_num: [1, 2, 3]`) or a labelled axis: "
        + "a list of mappings, each with a `label` and the job keys it sets";

    private readonly ErrorList _errors = context.Errors;

    /// <summary>The axes in file order (the first is the outermost loop); those with errors are left out.</summary>
    public IReadOnlyList<GridAxis> Read(YamlValue? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlMap map)
        {
            _errors.Add(node.Start, $"`grid` must be a mapping of axes; {Shape}");
            return [];
        }

        if (map.Entries.Count == 0)
        {
            _errors.Add(map.Start, "`grid` is empty: give at least one axis with its values, or leave `grid` out");
            return [];
        }

        var axes = new List<GridAxis>();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            if (ReadAxis(entry) is not { } read)
            {
                continue;
            }

            var (axis, keys) = read;
            foreach (var key in keys)
            {
                if (!owner.TryAdd(key, axis.Name))
                {
                    _errors.Add(entry.Key.Start, $"`{key}` is set by two axes, `{owner[key]}` and `{axis.Name}`: give each job key one axis");
                }
            }

            axes.Add(axis);
        }

        return axes;
    }

    private (GridAxis Axis, IReadOnlyList<string> Keys)? ReadAxis(YamlEntry entry)
    {
        var key = entry.Key;
        if (SweepKeys.JobFileKeys.Contains(key.Value))
        {
            if (!context.AllowsHere(key) || context.Values.Read(key, entry.Value) is not { } values)
            {
                return null;
            }

            var axisValues = values.Select(value => new AxisValue(value.Value, context.ReadJobValue(key, value))).ToList();
            return (new GridAxis(key.Value, IsLabelled: false, axisValues, key.Start), [key.Value]);
        }

        if (SweepKeys.ExplainJobKey(key.Value) is { } why)
        {
            _errors.Add(key.Start, why);
            return null;
        }

        if (entry.Value is YamlList { Count: > 0 } list && list.Items.All(item => item is YamlMap))
        {
            return ReadLabelledAxis(key, list);
        }

        var hint = KeySuggestions.Closest(key.Value, SweepKeys.JobFileKeys) is { } s ? $" (did you mean `{s}`?)" : "";
        _errors.Add(key.Start, $"unknown grid key `{key.Value}`{hint}; {Shape}; job keys: {string.Join(", ", SweepKeys.JobFileKeys)}");
        return null;
    }

    private (GridAxis Axis, IReadOnlyList<string> Keys)? ReadLabelledAxis(YamlText key, YamlList list)
    {
        var name = key.Value;
        if (!AxisNamePattern().IsMatch(name) || name is SweepKeys.MethodTag or SweepKeys.RoleTag)
        {
            _errors.Add(key.Start, $"a labelled axis is named with lowercase letters, digits and `_` (not `method` or `role`, "
                + $"which are tags of their own), got `{name}`");
            return null;
        }

        var before = _errors.Count;
        var values = new List<AxisValue>();
        var keys = new List<string>();
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var map in list.Items.Cast<YamlMap>())
        {
            var item = new MappingReader(map, _errors);
            item.RejectOtherKeys([SweepKeys.Label, .. SweepKeys.JobFileKeys], $"keys of a `{name}` value", SweepKeys.ExplainJobKey);
            item.Require(SweepKeys.Label, $"the value's name, which becomes the `{name}` tag (letters, digits, `_`, `.`, `-`)");
            var label = item.String(SweepKeys.Label);
            if (label is not null && !LabelPattern().IsMatch(label))
            {
                _errors.Add(item.Find(SweepKeys.Label)!.Start, $"a label holds letters, digits, `_`, `.`, `+` and `-`, got `{label}`");
            }
            else if (label is not null && !labels.TryAdd(label, map.Start.Line))
            {
                _errors.Add(item.Find(SweepKeys.Label)!.Start, $"label `{label}` is used twice in axis `{name}` (first at line {labels[label]})");
            }

            var jobKeys = map.Entries.Select(entry => entry.Key.Value).Where(SweepKeys.JobFileKeys.Contains).ToList();
            if (jobKeys.Count == 0)
            {
                _errors.Add(map.Start, $"a `{name}` value sets at least one job key (e.g. backbone, weights)");
            }

            keys.AddRange(jobKeys.Where(jobKey => !keys.Contains(jobKey)));
            values.Add(new AxisValue(label ?? "", context.ReadScalarJobValues(map, $"a `{name}` value")));
        }

        return _errors.Count == before ? (new GridAxis(name, IsLabelled: true, values, key.Start), keys) : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex AxisNamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.+-]*$")]
    private static partial Regex LabelPattern();
}
