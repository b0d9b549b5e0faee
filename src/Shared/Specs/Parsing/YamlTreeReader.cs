using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Daft.Shared.Specs.Parsing;

/// <summary>
/// Builds a <see cref="YamlValue"/> tree from YamlDotNet's parser events, keeping every node's position and
/// reporting duplicate keys, non-scalar keys and extra documents as errors instead of stopping at the first.
/// </summary>
internal sealed class YamlTreeReader
{
    private readonly IParser _parser;
    private readonly ErrorList _errors;
    private readonly Dictionary<string, YamlValue> _anchors = new(StringComparer.Ordinal);

    private YamlTreeReader(IParser parser, ErrorList errors)
    {
        _parser = parser;
        _errors = errors;
    }

    /// <summary>The document's root node; null when the text is empty or not YAML (the syntax error is recorded).</summary>
    public static YamlValue? Read(string yaml, ErrorList errors)
    {
        var reader = new YamlTreeReader(new Parser(new StringReader(yaml)), errors);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException e)
        {
            errors.Add(Position.Of(e.Start), $"not valid YAML: {InnerMessage(e)}");
            return null;
        }
    }

    private YamlValue? ReadStream()
    {
        _parser.Consume<StreamStart>();
        if (_parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        _parser.Consume<DocumentStart>();
        var root = ReadNode();
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
        {
            _errors.Add(Position.Of(second.Start), "a config file holds one YAML document; found a second one here (remove the `---`)");
        }

        return root;
    }

    private YamlValue ReadNode()
    {
        var current = _parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
        var node = current switch
        {
            Scalar scalar => ReadScalar(scalar),
            MappingStart start => ReadMapping(start),
            SequenceStart start => ReadSequence(start),
            AnchorAlias alias => ReadAlias(alias),
            _ => throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}"),
        };
        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            _anchors[anchored.Anchor.Value] = node;
        }

        return node;
    }

    private YamlText ReadScalar(Scalar scalar)
    {
        _parser.MoveNext();
        // A tag (`!!str 5`) or quotes make the scalar a string; only plain scalars are numbers, booleans or null.
        var isPlain = scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty;
        return new YamlText(scalar.Value, isPlain, Position.Of(scalar.Start));
    }

    private YamlMap ReadMapping(MappingStart start)
    {
        _parser.MoveNext();
        var entries = new List<YamlEntry>();
        var firstSeen = new Dictionary<string, Position>(StringComparer.Ordinal);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode();
            var value = ReadNode();
            if (key is not YamlText text)
            {
                _errors.Add(key.Start, $"a key must be a plain name, got {key.Describe()}");
            }
            else if (firstSeen.TryGetValue(text.Value, out var first))
            {
                _errors.Add(text.Start, $"duplicate key `{text.Value}` (first given at line {first.Line})");
            }
            else
            {
                firstSeen.Add(text.Value, text.Start);
                entries.Add(new YamlEntry(text, value));
            }
        }

        return new YamlMap(entries, Position.Of(start.Start));
    }

    private YamlList ReadSequence(SequenceStart start)
    {
        _parser.MoveNext();
        var items = new List<YamlValue>();
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(ReadNode());
        }

        return new YamlList(items, Position.Of(start.Start));
    }

    private YamlValue ReadAlias(AnchorAlias alias)
    {
        _parser.MoveNext();
        if (_anchors.TryGetValue(alias.Value.Value, out var node))
        {
            return node;
        }

        throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} names no anchor defined before it");
    }

    // YamlException's Message starts with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is reported separately.
    private static string InnerMessage(YamlException e)
    {
        var text = e.Message;
        var cut = text.IndexOf("): ", StringComparison.Ordinal);
        return text.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0 ? text[(cut + 3)..] : text;
    }
}
