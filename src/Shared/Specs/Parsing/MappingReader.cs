namespace Daft.Shared.Specs.Parsing;

/// <summary>Which numbers a key accepts.</summary>
internal enum NumberRange
{
    Any,
    NonNegative,
    Positive,
}

/// <summary>
/// Typed access to one mapping of a job file. Every getter returns null when the key is absent, explicitly null,
/// or wrong (the error, with the value's line and column, is recorded), so a caller can go on to find more errors.
/// </summary>
internal sealed class MappingReader(YamlMap map, ErrorList errors)
{
    private readonly Dictionary<string, YamlEntry> _entries =
        map.Entries.ToDictionary(entry => entry.Key.Value, StringComparer.Ordinal);

    /// <summary>Where the mapping starts: missing keys are reported here.</summary>
    public Position Start => map.Start;

    /// <summary>Whether the key is present with a non-null value.</summary>
    public bool IsSet(string key) => Find(key) is not null;

    /// <summary>The value node of <paramref name="key"/>; null when absent or null.</summary>
    public YamlValue? Find(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.Value is not YamlText { IsNull: true } ? entry.Value : null;

    /// <summary>Reports a required key that is absent (at the mapping) or null (at the key); false when that happened.</summary>
    public bool Require(string key, string what)
    {
        if (IsSet(key))
        {
            return true;
        }

        if (_entries.TryGetValue(key, out var entry))
        {
            errors.Add(entry.Key.Start, $"`{key}` needs a value: {what}");
        }
        else
        {
            errors.Add(Start, $"missing required key `{key}`: {what}");
        }

        return false;
    }

    public string? String(string key)
    {
        if (Scalar(key, "a string") is not { } text)
        {
            return null;
        }

        if (text.Value.Length == 0)
        {
            Report(text, $"`{key}` must not be empty");
            return null;
        }

        return text.Value;
    }

    /// <summary>A string that must be one of <paramref name="allowed"/>; <paramref name="noun"/> names it in the error.</summary>
    public string? Choice(string key, IReadOnlyList<string> allowed, string noun)
    {
        var value = String(key);
        if (value is null || allowed.Contains(value))
        {
            return value;
        }

        // One edit, and only for names of 5 letters or more: a value is often another name altogether, and `gpu`
        // (meant as cuda) or `resnet99` are one and two edits from `cpu` and `resnet18`, which would mislead.
        var hint = value.Length >= 5 && KeySuggestions.Closest(value, allowed, 1) is { } suggestion ? $" (did you mean `{suggestion}`?)" : "";
        Report(Find(key)!, $"unknown {noun} `{value}`{hint}; allowed: {string.Join(", ", allowed)}");
        return null;
    }

    public int? Int(string key, int minimum)
    {
        var value = Long(key, minimum);
        if (value > int.MaxValue)
        {
            return Fail<int>(Find(key)!, $"`{key}` must be at most {int.MaxValue}, got {value}");
        }

        return (int?)value;
    }

    public long? Long(string key, long minimum)
    {
        if (Scalar(key, "an integer") is not { } text)
        {
            return null;
        }

        if (!text.IsPlain || !YamlScalars.IsInteger(text.Value) || !long.TryParse(text.Value, out var value))
        {
            return Fail<long>(text, $"`{key}` must be an integer, got {text.Describe()}");
        }

        if (value < minimum)
        {
            return Fail<long>(text, $"`{key}` must be at least {minimum}, got {value}");
        }

        return value;
    }

    public double? Double(string key, NumberRange range)
    {
        if (Scalar(key, "a number") is not { } text)
        {
            return null;
        }

        if (!text.IsPlain || !YamlScalars.TryFiniteNumber(text.Value, out var value))
        {
            var kind = text.IsPlain && YamlScalars.IsNonFinite(text.Value) ? "a finite number" : "a number";
            return Fail<double>(text, $"`{key}` must be {kind}, got {text.Describe()}");
        }

        return range switch
        {
            NumberRange.Positive when value <= 0 => Fail<double>(text, $"`{key}` must be greater than 0, got {text.Value}"),
            NumberRange.NonNegative when value < 0 => Fail<double>(text, $"`{key}` must be at least 0, got {text.Value}"),
            _ => value,
        };
    }

    public bool? Bool(string key)
    {
        if (Scalar(key, "true or false") is not { } text)
        {
            return null;
        }

        return text.IsPlain && YamlScalars.TryBool(text.Value, out var value)
            ? value
            : Fail<bool>(text, $"`{key}` must be true or false, got {text.Describe()}");
    }

    /// <summary>
    /// Reports every key not in <paramref name="allowed"/>. <paramref name="explain"/> may give a reason specific to
    /// the key (e.g. it belongs to another method); otherwise the key is called unknown, with a spelling suggestion.
    /// </summary>
    public void RejectOtherKeys(IReadOnlyList<string> allowed, string allowedLabel, Func<string, string?> explain)
    {
        foreach (var key in map.Entries.Select(entry => entry.Key).Where(key => !allowed.Contains(key.Value)))
        {
            var reason = explain(key.Value) ?? UnknownKey(key.Value, allowed);
            errors.Add(key.Start, $"{reason}; {allowedLabel}: {string.Join(", ", allowed)}");
        }
    }

    private static string UnknownKey(string key, IReadOnlyList<string> allowed) =>
        KeySuggestions.Closest(key, allowed) is { } suggestion
            ? $"unknown key `{key}` (did you mean `{suggestion}`?)"
            : $"unknown key `{key}`";

    private YamlText? Scalar(string key, string expected)
    {
        return Find(key) switch
        {
            null => null,
            YamlText text => text,
            var other => Report<YamlText>(other, $"`{key}` must be {expected}, got {other.Describe()}"),
        };
    }

    private T? Fail<T>(YamlValue at, string message)
        where T : struct
    {
        errors.Add(at.Start, message);
        return null;
    }

    private T? Report<T>(YamlValue at, string message)
        where T : class
    {
        errors.Add(at.Start, message);
        return null;
    }

    private void Report(YamlValue at, string message) => errors.Add(at.Start, message);
}
