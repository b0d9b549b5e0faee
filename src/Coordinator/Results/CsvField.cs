namespace Daft.Coordinator.Results;

/// <summary>RFC 4180 fields: one with a comma, quote or line break is quoted, its quotes doubled.</summary>
public static class CsvField
{
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
