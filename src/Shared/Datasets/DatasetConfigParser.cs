using Daft.Shared.Specs.Parsing;

namespace Daft.Shared.Datasets;

/// <summary>Turns the YAML tree of a dataset file into a <see cref="DatasetConfig"/>, recording every error it finds.</summary>
internal sealed class DatasetConfigParser(ErrorList errors)
{
    public static readonly IReadOnlyList<string> TopLevelKeys =
        ["name", "description", "classes", "image_size", "epochs", "sources", "train", "id_val", "ood", "target", "transforms"];

    static readonly IReadOnlyList<string> TransformKeys = ["train", "eval"];

    public DatasetConfig? Parse(YamlValue? root)
    {
        if (root is not YamlMap map)
        {
            if (root is not null)
                errors.Add(root.Start, $"a dataset file must be a mapping of keys ({string.Join(", ", TopLevelKeys)}), got {root.Describe()}");
            else if (errors.IsEmpty)
                errors.AddForFile("the dataset file is empty");
            return null;
        }
        var top = new MappingReader(map, errors);
        top.RejectOtherKeys(TopLevelKeys, "allowed keys of a dataset file", _ => null);
        top.Require("name", "the name jobs give as `dataset:`");
        top.Require("image_size", "the side of the square images the transforms produce");
        top.Require("train", "the training split: {reader: ..., ...}");
        top.Require("id_val", "the ID test set: {reader: ..., ...}");
        var name = top.String("name");
        var description = top.String("description") ?? "";
        var (numClasses, classNames) = Classes(top);
        var imageSize = top.Int("image_size", 1);
        var epochs = top.Int("epochs", 1) ?? Specs.JobDefaults.Epochs;
        var sources = Strings(top, "sources");
        var train = top.Find("train") is { } trainNode ? Split("train", trainNode) : null;
        var idVal = top.Find("id_val") is { } idNode ? Split("id_val", idNode) : null;
        var ood = Ood(top.Find("ood"));
        var target = top.Find(TargetName) is { } targetNode ? Split(TargetName, targetNode) : null;
        var (trainTransforms, evalTransforms) = Transforms(top.Find("transforms"));
        if (!errors.IsEmpty || name is null || imageSize is null || numClasses is null || train is null || idVal is null)
            return null;
        return new DatasetConfig(name, description, numClasses.Value, classNames, imageSize.Value, epochs, sources, train, idVal, ood,
            trainTransforms, evalTransforms, errors.File)
        { Target = target };
    }

    /// <summary>The key and split name of the unlabelled target-domain images (<see cref="DatasetConfig.Target"/>).</summary>
    public const string TargetName = "target";

    (int?, IReadOnlyList<string>?) Classes(MappingReader top)
    {
        if (!top.Require("classes", "the class count, or the class names in label order"))
            return (null, null);
        if (top.Find("classes") is YamlList)
        {
            var names = Strings(top, "classes");
            return names.Count > 0 ? (names.Count, names) : (null, null);
        }
        return (top.Int("classes", 1), null);
    }

    IReadOnlyList<string> Strings(MappingReader reader, string key)
    {
        switch (reader.Find(key))
        {
            case null:
                return [];
            case YamlList list:
                var strings = new List<string>();
                foreach (var item in list.Items)
                {
                    if (item is YamlText { IsNull: false } text && text.Value.Length > 0)
                        strings.Add(text.Value);
                    else
                        errors.Add(item.Start, $"`{key}` must list names, got {item.Describe()}");
                }
                return strings;
            case var other:
                errors.Add(other.Start, $"`{key}` must be a list, got {other.Describe()}");
                return [];
        }
    }

    IReadOnlyList<SplitSource> Ood(YamlValue? node)
    {
        if (node is null || node is YamlText { IsNull: true })
            return [];
        if (node is not YamlMap map)
        {
            errors.Add(node.Start, $"`ood` must map each OOD set's name to its source, got {node.Describe()}");
            return [];
        }
        var reserved = new[] { "train", "id_val", TargetName };
        foreach (var entry in map.Entries.Where(e => reserved.Contains(e.Key.Value)))
            errors.Add(entry.Key.Start, $"an OOD set cannot be named `{entry.Key.Value}`: that name is taken by the split of the same name");
        return [.. map.Entries.Select(e => Split(e.Key.Value, e.Value)).OfType<SplitSource>()];
    }

    SplitSource? Split(string name, YamlValue node)
    {
        if (node is not YamlMap map)
        {
            errors.Add(node.Start, $"split `{name}` must be a mapping with `reader` and its options, got {node.Describe()}");
            return null;
        }
        var reader = new MappingReader(map, errors);
        var readerNames = ReaderSchemas.All.Select(r => r.Name).ToList();
        if (!reader.Require("reader", $"one of {string.Join(", ", readerNames)}") || reader.Choice("reader", readerNames, "reader") is not { } readerName)
            return null;
        var schema = ReaderSchemas.Find(readerName)!;
        var all = schema.Options.Concat(ReaderSchemas.Common).ToList();
        reader.RejectOtherKeys([.. all.Select(o => o.Key).Prepend("reader")], $"keys of reader {readerName}", _ => null);
        var options = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var option in all)
        {
            if (option.Required && !reader.Require(option.Key, $"reader {readerName} needs it"))
                continue;
            if ((Value(reader, option) ?? option.Default) is { } value)
                options[option.Key] = value;
        }
        return new SplitSource(name, readerName, options);
    }

    object? Value(MappingReader reader, ReaderOption option)
    {
        switch (option.Kind)
        {
            case OptionKind.Int:
                var number = reader.Long(option.Key, option.Minimum);
                if (number > option.Maximum)
                {
                    errors.Add(reader.Find(option.Key)!.Start, $"`{option.Key}` must be at most {option.Maximum}, got {number}");
                    return null;
                }
                return number;
            case OptionKind.Bool:
                return reader.Bool(option.Key);
            case OptionKind.Decode:
                if (reader.Find(option.Key) is not { } node)
                    return null;
                var steps = new TransformParser(errors).ReadList(node, option.Key);
                foreach (var step in steps.Where(s => s.IsRandom))
                    errors.Add(node.Start, $"`{option.Key}` runs once per file, so it takes only resize and center_crop, not {TransformParser.NameOf(step)}");
                return steps;
            case OptionKind.StringList:
                var list = Strings(reader, option.Key);
                foreach (var bad in list.Where(v => option.Choices is not null && !option.Choices.Contains(v)))
                    errors.Add(reader.Find(option.Key)!.Start, $"unknown {option.Key} value `{bad}`; allowed: {string.Join(", ", option.Choices!)}");
                return reader.IsSet(option.Key) ? list : null;
            default:
                return option.Choices is null ? reader.String(option.Key) : reader.Choice(option.Key, option.Choices, option.Key);
        }
    }

    (IReadOnlyList<TransformSpec>, IReadOnlyList<TransformSpec>) Transforms(YamlValue? node)
    {
        if (node is null || node is YamlText { IsNull: true })
            return ([], []);
        if (node is not YamlMap map)
        {
            errors.Add(node.Start, $"`transforms` must be a mapping with `train` and `eval` lists, got {node.Describe()}");
            return ([], []);
        }
        var reader = new MappingReader(map, errors);
        reader.RejectOtherKeys(TransformKeys, "keys of transforms", _ => null);
        var parser = new TransformParser(errors);
        return (parser.ReadList(reader.Find("train"), "transforms.train"), parser.ReadList(reader.Find("eval"), "transforms.eval"));
    }
}
