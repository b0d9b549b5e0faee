using System.Text.Json;

namespace Daft.Coordinator.SweepViews;

/// <summary>
/// A progress heartbeat as the ledger stores it (<c>progress_json</c>: the node's <c>JobProgress</c> in snake_case, see
/// src/GpuNode/Farm/Execution/ProgressLines.cs): phase, epochs finished, epochs planned, ID-val accuracy, training loss.
/// Read leniently, field by field: a heartbeat from an older or newer node with fields missing or added still shows
/// what it has, and text that is not JSON at all reads as empty.
/// </summary>
public sealed record ProgressReading(string? Phase, int? Epoch, int? Epochs, double? IdVal, double? TrainLoss)
{
    public static readonly ProgressReading None = new(null, null, null, null, null);

    public static ProgressReading Parse(string? progressJson)
    {
        if (string.IsNullOrWhiteSpace(progressJson))
        {
            return None;
        }

        try
        {
            using var document = JsonDocument.Parse(progressJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return None;
            }

            return new ProgressReading(
                root.TryGetProperty("phase", out var phase) && phase.ValueKind == JsonValueKind.String ? phase.GetString() : null,
                Int(root, "epoch"),
                Int(root, "epochs"),
                Number(root, "id_val"),
                Number(root, "train_loss"));
        }
        catch (JsonException)
        {
            return None;
        }
    }

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    // A NaN loss comes as the string "NaN" (the node writes named floating-point literals).
    private static double? Number(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var named) => named,
        _ => null,
    } : null;
}
