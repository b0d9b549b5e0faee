using Daft.Shared.Specs;
using Daft.Shared.Specs.Parsing;

namespace Daft.Coordinator.Sweeps;

/// <summary>
/// Reads a value list: a scalar (one value), a list of scalars, <c>{grid: NAME}</c> (a named grid of
/// configs/methods/grids.yaml) or <c>{logspace: [start, end, num]}</c> (10^linspace(start, end, num), numpy's
/// <c>np.logspace</c>). Values come back as YAML scalars so that the job-file parser checks them as if written in
/// place; generated and named values carry the position of the form that produced them, so an error points at the
/// sweep file's line, not at grids.yaml.
/// </summary>
internal sealed class ValueListReader(ErrorList errors, Func<string, IReadOnlyList<YamlText>?> namedGrid, IReadOnlyList<string> gridNames)
{
    public const string Forms = "a value, a list of values, {grid: NAME} or {logspace: [start, end, num]}";

    /// <summary>The values of <paramref name="key"/>, at least one; null when the node is not a value list (reported).</summary>
    public IReadOnlyList<YamlText>? Read(YamlText key, YamlValue node)
    {
        switch (node)
        {
            case YamlText { IsNull: true }:
                errors.Add(key.Start, $"`{key.Value}` needs a value: {Forms}");
                return null;
            case YamlText text:
                return [text];
            case YamlList list:
                return ReadList(key, list);
            case YamlMap map when map.Entries.Count == 1 && map.Entries[0].Key.Value == SweepKeys.NamedGrid:
                return ReadNamedGrid(map.Entries[0].Value, map.Start);
            case YamlMap map when map.Entries.Count == 1 && map.Entries[0].Key.Value == SweepKeys.Logspace:
                return ReadLogspace(map.Entries[0].Value, map.Start);
            default:
                errors.Add(node.Start, $"`{key.Value}` must be {Forms}, got {Describe(node)}");
                return null;
        }
    }

    private List<YamlText>? ReadList(YamlText key, YamlList list)
    {
        if (list.Count == 0)
        {
            errors.Add(list.Start, $"`{key.Value}` has an empty list: give at least one value");
            return null;
        }

        var values = new List<YamlText>(list.Count);
        var seen = new Dictionary<string, Position>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (item is not YamlText { IsNull: false } text)
            {
                errors.Add(item.Start, $"a value of `{key.Value}` must be a plain value, got {item.Describe()}");
                continue;
            }

            if (seen.TryGetValue(text.Value, out var first))
            {
                errors.Add(text.Start, $"`{text.Value}` is listed twice for `{key.Value}` (first at line {first.Line})");
                continue;
            }

            seen.Add(text.Value, text.Start);
            values.Add(text);
        }

        return values.Count == list.Count ? values : null;
    }

    private List<YamlText>? ReadNamedGrid(YamlValue nameNode, Position at)
    {
        if (nameNode is not YamlText { IsNull: false } name)
        {
            errors.Add(nameNode.Start, $"`grid` names a grid of configs/methods/grids.yaml ({string.Join(", ", gridNames)})");
            return null;
        }

        if (namedGrid(name.Value) is not { } values)
        {
            var hint = KeySuggestions.Closest(name.Value, gridNames) is { } s ? $" (did you mean `{s}`?)" : "";
            errors.Add(name.Start, $"unknown grid `{name.Value}`{hint}; named grids: {string.Join(", ", gridNames)}");
            return null;
        }

        return [.. values.Select(value => value with { Start = at })];
    }

    private List<YamlText>? ReadLogspace(YamlValue node, Position at)
    {
        const string Shape = "`logspace` takes [start, end, num]: exponents of 10 and a count >= 1, as numpy.logspace";
        if (node is not YamlList { Count: 3 } list || list.Items.Any(item => item is not YamlText { IsPlain: true }))
        {
            errors.Add(node.Start, Shape);
            return null;
        }

        var items = list.Items.Cast<YamlText>().ToList();
        if (!YamlScalars.TryFiniteNumber(items[0].Value, out var start) || !YamlScalars.TryFiniteNumber(items[1].Value, out var end)
            || !YamlScalars.IsInteger(items[2].Value) || !int.TryParse(items[2].Value, out var num) || num < 1 || num > 10_000)
        {
            errors.Add(node.Start, Shape);
            return null;
        }

        // numpy: y = arange(num) * step + start with the last value exactly end; then 10 ** y.
        var step = num > 1 ? (end - start) / (num - 1) : 0;
        return
        [
            .. Enumerable.Range(0, num).Select(i =>
            {
                var exponent = i == num - 1 && num > 1 ? end : start + (i * step);
                return new YamlText(SpecNumbers.Shortest(Math.Pow(10, exponent)), IsPlain: true, at);
            }),
        ];
    }

    private static string Describe(YamlValue node) => node is YamlMap map && map.Entries.Count > 0
        ? $"a mapping with `{map.Entries[0].Key.Value}`"
        : node.Describe();
}
