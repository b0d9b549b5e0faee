using System.Globalization;
using System.Text.RegularExpressions;

namespace Daft.Shared.Specs.Parsing;

/// <summary>
/// How a plain YAML scalar resolves under the YAML 1.2 core schema (the one PyYAML's successors and most tools
/// use): which texts are null, booleans, integers and floats. So <c>1e-4</c> is a float here (YAML 1.1 read it as
/// a string), and <c>yes</c>/<c>on</c> are strings, not booleans.
/// </summary>
internal static partial class YamlScalars
{
    public static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    public static bool TryBool(string text, out bool value)
    {
        value = text is "true" or "True" or "TRUE";
        return value || text is "false" or "False" or "FALSE";
    }

    public static bool IsInteger(string text) => IntegerPattern().IsMatch(text);

    /// <summary>A finite number: an integer or a float in decimal or exponent form (not .inf or .nan).</summary>
    public static bool TryFiniteNumber(string text, out double value)
    {
        value = 0;
        return FloatPattern().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>The core schema's infinities and NaN, which no job key accepts.</summary>
    public static bool IsNonFinite(string text) => NonFinitePattern().IsMatch(text);

    /// <summary>Whether the text, written plain, would be read back as something other than this string.</summary>
    public static bool NeedsQuotes(string text) =>
        IsNull(text) || TryBool(text, out _) || FloatPattern().IsMatch(text) || IsNonFinite(text)
        || !SafePlainPattern().IsMatch(text);

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex NonFinitePattern();

    // Names and paths that YAML reads back unchanged when written without quotes (a trailing ':' would start a mapping).
    [GeneratedRegex(@"^[A-Za-z0-9_/.]([A-Za-z0-9_/.:+=@-]*[A-Za-z0-9_/.+=@-])?$")]
    private static partial Regex SafePlainPattern();
}
