using System.Globalization;

namespace Daft.Shared.Specs;

/// <summary>Culture-invariant text for spec numbers, so equal values always print alike (1e-4 and 0.0001 → 0.0001).</summary>
internal static class SpecNumbers
{
    /// <summary>The shortest text that parses back to the same double ("R"); -0 prints as 0.</summary>
    public static string Shortest(double value) =>
        (value == 0 ? 0.0 : value).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// <see cref="Shortest"/> in a form every YAML reader takes as a float: with a decimal point (1 → 1.0,
    /// 1E-05 → 1.0e-05), since YAML 1.1 readers such as PyYAML read <c>1e-05</c> as a string.
    /// </summary>
    public static string YamlFloat(double value)
    {
        var text = Shortest(value).Replace('E', 'e');
        var exponent = text.IndexOf('e');
        var mantissa = exponent < 0 ? text : text[..exponent];
        return mantissa.Contains('.') ? text : mantissa + ".0" + text[mantissa.Length..];
    }
}
