using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Daft.Coordinator.Ledger;

/// <summary>
/// The two JSON shapes the schema stores in text columns: a job's <c>depends_on</c> (an array of ids) and a job's tags in
/// a sweep (an object of strings). JSON rather than extra tables because nothing queries inside them, and any SQL tool
/// (and SQLite's and PostgreSQL's own JSON functions) can still read them.
/// </summary>
internal static class LedgerJson
{
    // Non-ASCII tag values stay readable in a SQL tool instead of becoming \uXXXX escapes.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Array(IEnumerable<string> items)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                json.WriteStringValue(item);
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string Object(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            foreach (var (key, value) in pairs)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static ImmutableArray<string> ReadArray(string text)
    {
        using var document = JsonDocument.Parse(text);
        return [.. document.RootElement.EnumerateArray().Select(item => item.GetString() ?? "")];
    }

    public static ImmutableSortedDictionary<string, string> ReadObject(string text)
    {
        using var document = JsonDocument.Parse(text);
        return ImmutableSortedDictionary.CreateRange(
            document.RootElement.EnumerateObject().Select(property => KeyValuePair.Create(property.Name, property.Value.GetString() ?? "")));
    }
}
