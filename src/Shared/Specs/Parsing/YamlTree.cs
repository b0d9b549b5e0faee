using YamlDotNet.Core;

namespace Daft.Shared.Specs.Parsing;

/// <summary>A 1-based line and column in a job file.</summary>
internal readonly record struct Position(int Line, int Column)
{
    public static Position Of(Mark mark) => new((int)mark.Line, (int)mark.Column);
}

/// <summary>A node of a parsed YAML document, with where it starts.</summary>
internal abstract record YamlValue(Position Start)
{
    /// <summary>How an error message names this kind of node ("a mapping", "a list", ...).</summary>
    public abstract string Describe();
}

/// <summary>A scalar as written: its text and whether it was plain (unquoted, untagged), which decides its type.</summary>
internal sealed record YamlText(string Value, bool IsPlain, Position Start) : YamlValue(Start)
{
    /// <summary>YAML 1.2 core-schema null: an empty value, <c>~</c> or <c>null</c>; a job file treats it as an absent key.</summary>
    public bool IsNull => IsPlain && YamlScalars.IsNull(Value);

    public override string Describe() => IsPlain ? $"`{Value}`" : $"the quoted string \"{Value}\"";
}

/// <summary>One <c>key: value</c> pair of a mapping.</summary>
internal sealed record YamlEntry(YamlText Key, YamlValue Value);

/// <summary>A mapping, entries in file order (duplicates already reported and dropped).</summary>
internal sealed record YamlMap(IReadOnlyList<YamlEntry> Entries, Position Start) : YamlValue(Start)
{
    public override string Describe() => "a mapping";
}

/// <summary>A sequence, items in file order (job files have none; dataset files list transforms and sources).</summary>
internal sealed record YamlList(IReadOnlyList<YamlValue> Items, Position Start) : YamlValue(Start)
{
    public int Count => Items.Count;

    public override string Describe() => "a list";
}
