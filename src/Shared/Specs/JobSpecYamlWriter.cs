using System.Globalization;
using System.Text;
using Daft.Shared.Specs.Parsing;

namespace Daft.Shared.Specs;

/// <summary>Writes a resolved spec as a job file: every key with its resolved value, unset optional keys left out.</summary>
internal static class JobSpecYamlWriter
{
    public static string Write(JobSpec spec, bool withNotes)
    {
        var yaml = new StringBuilder();
        if (withNotes)
        {
            yaml.Append("# id: ").Append(JobIdentity.IdOf(spec)).Append('\n');
        }

        foreach (var field in JobSpecFields.Of(spec))
        {
            if (field.Value is IReadOnlyList<SpecField> children)
            {
                yaml.Append(field.Key).Append(":\n");
                foreach (var child in children.Where(child => child.Value is not null))
                {
                    yaml.Append("  ").Append(child.Key).Append(": ").Append(Format(child.Value!)).Append('\n');
                }
            }
            else if (field.Value is not null)
            {
                yaml.Append(field.Key).Append(": ").Append(Format(field.Value));
                if (withNotes && field.Key == JobKeys.Seed && spec.Seed == Seeds.ForRunNum(spec.RunNum))
                {
                    yaml.Append("  # derived: run_num - 1");
                }

                yaml.Append('\n');
            }
        }

        return yaml.ToString();
    }

    private static string Format(object value) => value switch
    {
        string text => YamlScalars.NeedsQuotes(text) ? Quote(text) : text,
        bool flag => flag ? "true" : "false",
        double number => SpecNumbers.YamlFloat(number),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IReadOnlyList<int> ints => $"[{string.Join(", ", ints.Select(i => i.ToString(CultureInfo.InvariantCulture)))}]",
        _ => throw new ArgumentException($"No YAML form for {value.GetType().Name}.", nameof(value)),
    };

    // YAML double-quoted style: backslash escapes, as in JSON, plus \xNN for other control characters.
    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                < ' ' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
