using Daft.Shared.Specs.Parsing;

namespace Daft.Shared.Datasets;

/// <summary>Reads a dataset file's transform lists: each item is a step name (<c>horizontal_flip</c>) or a one-key
/// mapping from the name to its size (<c>resize: 224</c>) or to its options (<c>resize: {size: 256, interpolation: bicubic}</c>).</summary>
internal sealed class TransformParser(ErrorList errors)
{
    public static readonly IReadOnlyList<string> Names = ["resize", "center_crop", "random_crop", "random_resized_crop", "horizontal_flip"];

    static readonly IReadOnlyList<string> Interpolations = ["bilinear", "bicubic", "nearest"];

    /// <summary>The name a dataset file gives <paramref name="step"/>'s kind.</summary>
    public static string NameOf(TransformSpec step) => step switch
    {
        ResizeSpec => "resize",
        CenterCropSpec => "center_crop",
        RandomCropSpec => "random_crop",
        RandomResizedCropSpec => "random_resized_crop",
        _ => "horizontal_flip",
    };

    public IReadOnlyList<TransformSpec> ReadList(YamlValue? node, string where)
    {
        if (node is null)
            return [];
        if (node is not YamlList list)
        {
            errors.Add(node.Start, $"`{where}` must be a list of transforms ({string.Join(", ", Names)}), got {node.Describe()}");
            return [];
        }
        return [.. list.Items.Select(Read).OfType<TransformSpec>()];
    }

    TransformSpec? Read(YamlValue item)
    {
        switch (item)
        {
            case YamlText text when !text.IsNull:
                return Build(text.Value, null, text);
            case YamlMap { Entries.Count: 1 } map:
                return Build(map.Entries[0].Key.Value, map.Entries[0].Value, map.Entries[0].Key);
            default:
                errors.Add(item.Start, $"a transform is a name or a one-key mapping (e.g. `resize: 224`), got {item.Describe()}");
                return null;
        }
    }

    TransformSpec? Build(string name, YamlValue? value, YamlValue at)
    {
        if (!Names.Contains(name))
        {
            var hint = KeySuggestions.Closest(name, Names) is { } s ? $" (did you mean `{s}`?)" : "";
            errors.Add(at.Start, $"unknown transform `{name}`{hint}; allowed: {string.Join(", ", Names)}");
            return null;
        }
        // `resize: 224` is shorthand for `resize: {size: 224}`.
        var options = value switch
        {
            null or YamlText { IsNull: true } => new YamlMap([], at.Start),
            YamlText or YamlList => new YamlMap([new YamlEntry(new YamlText("size", true, value.Start), value)], value.Start),
            YamlMap map => map,
            _ => null,
        };
        if (options is null)
            return null;
        var reader = new MappingReader(options, errors);
        return name switch
        {
            "resize" => Resize(reader, options),
            "center_crop" => Keys(reader, "center_crop", ["size"]) && Size(reader, options) is { } size ? new CenterCropSpec(size) : null,
            "random_crop" => Keys(reader, "random_crop", ["size", "padding"]) && Size(reader, options) is { } crop
                ? new RandomCropSpec(crop, reader.Int("padding", 0) ?? 0) : null,
            "random_resized_crop" => RandomResizedCrop(reader, options),
            _ => Keys(reader, "horizontal_flip", ["p"]) ? new HorizontalFlipSpec(Probability(reader)) : null,
        };
    }

    ResizeSpec? Resize(MappingReader reader, YamlMap options)
    {
        if (!Keys(reader, "resize", ["size", "interpolation"]))
            return null;
        var exact = reader.Find("size") is YamlList;
        return Size(reader, options) is { } size ? new ResizeSpec(size, exact, Interp(reader)) : null;
    }

    RandomResizedCropSpec? RandomResizedCrop(MappingReader reader, YamlMap options)
    {
        if (!Keys(reader, "random_resized_crop", ["size", "scale", "ratio", "interpolation"]))
            return null;
        var size = Size(reader, options);
        var scale = Pair(reader, "scale") ?? (0.08, 1.0);
        var ratio = Pair(reader, "ratio") ?? (3.0 / 4.0, 4.0 / 3.0);
        return size is null ? null : new RandomResizedCropSpec(size.Value, scale.Item1, scale.Item2, ratio.Item1, ratio.Item2, Interp(reader));
    }

    bool Keys(MappingReader reader, string transform, IReadOnlyList<string> allowed)
    {
        var before = errors.Count;
        reader.RejectOtherKeys(allowed, $"keys of {transform}", _ => null);
        return errors.Count == before;
    }

    /// <summary>An int, or a list of two equal ints (<c>[224, 224]</c>, torchvision's exact size; only squares here).</summary>
    int? Size(MappingReader reader, YamlMap options)
    {
        if (!reader.Require("size", "the output side in pixels"))
            return null;
        if (reader.Find("size") is YamlList list)
        {
            var sides = list.Items.OfType<YamlText>().Select(t => int.TryParse(t.Value, out var v) && v > 0 ? v : 0).ToList();
            if (list.Count == 2 && sides.Count == 2 && sides[0] > 0 && sides[0] == sides[1])
                return sides[0];
            errors.Add(list.Start, "`size` as a list must be two equal positive integers ([h, w] with h = w: Daft's images are square)");
            return null;
        }
        return reader.Int("size", 1);
    }

    (double, double)? Pair(MappingReader reader, string key)
    {
        if (reader.Find(key) is not { } node)
            return null;
        if (node is YamlList { Count: 2 } list && list.Items.All(i => i is YamlText { IsPlain: true } t && YamlScalars.TryFiniteNumber(t.Value, out _)))
        {
            YamlScalars.TryFiniteNumber(((YamlText)list.Items[0]).Value, out var low);
            YamlScalars.TryFiniteNumber(((YamlText)list.Items[1]).Value, out var high);
            if (low > 0 && low <= high)
                return (low, high);
        }
        errors.Add(node.Start, $"`{key}` must be a list [low, high] of two numbers with 0 < low <= high");
        return null;
    }

    Interpolation Interp(MappingReader reader) =>
        reader.Choice("interpolation", Interpolations, "interpolation") switch
        {
            "bicubic" => Interpolation.Bicubic,
            "nearest" => Interpolation.Nearest,
            _ => Interpolation.Bilinear,
        };

    double Probability(MappingReader reader)
    {
        var p = reader.Double("p", NumberRange.NonNegative) ?? 0.5;
        if (p > 1 && reader.Find("p") is { } node)
            errors.Add(node.Start, $"`p` is a probability: at most 1, got {p}");
        return p;
    }
}
