using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Daft.Coordinator.Api;

/// <summary>
/// The JSON of the HTTP API and of every <c>--json</c> of the read verbs: one shape for both, so a script written
/// against <c>daft sweep status --json</c> reads <c>GET /api/sweeps/{id}</c> unchanged. snake_case properties (as
/// result.json and the progress heartbeats have them), states as their ledger names ("running"), times as ISO 8601,
/// dictionary keys as stored (state names, evaluation sets), a NaN loss as "NaN". Properties are only ever added.
/// </summary>
public static class ApiJson
{
    /// <summary>Compact, for the wire.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Indented, for a terminal (<c>--json</c>).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
