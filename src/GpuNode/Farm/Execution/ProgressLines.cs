using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Daft.Shared.Farm;

namespace Daft.GpuNode.Farm.Execution;

/// <summary>
/// The progress line protocol of <c>daft-node run-job --progress</c>: one stdout line per event,
/// <c>@progress {json}</c>, the JSON being <see cref="JobProgress"/> in snake_case (as result.json is) plus
/// <c>"milestone"</c>: <c>@progress {"phase":"eval","epoch":1,"epochs":2,"train_loss":0.31,"id_val":0.95,
/// "ood":{"digits_inverted":0.4},"milestone":true}</c>. OOD keys are the sets' names as the dataset names them.
/// A line is written whole and flushed, so the parent sees each event as it happens.
/// </summary>
public static class ProgressLines
{
    /// <summary>What starts a progress line; every other stdout line is left alone.</summary>
    public const string Prefix = "@progress ";

    /// <summary>The JSON options of <see cref="JobProgress"/>: snake_case, one line; NaN losses as "NaN".</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary><paramref name="progress"/> as JSON without the milestone flag (what a heartbeat's ProgressJson carries).</summary>
    public static string ToJson(JobProgress progress) => JsonSerializer.Serialize(progress, JsonOptions);

    /// <summary>The line for one event, without the newline.</summary>
    public static string Format(JobProgress progress, bool milestone)
    {
        var node = JsonSerializer.SerializeToNode(progress, JsonOptions)!.AsObject();
        node["milestone"] = milestone;
        return Prefix + node.ToJsonString(JsonOptions);
    }

    /// <summary>Reads a line written by <see cref="Format"/>; false for any other line, or a malformed one.</summary>
    public static bool TryParse(string line, out JobProgress progress, out bool milestone)
    {
        progress = null!;
        milestone = false;
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        try
        {
            if (JsonNode.Parse(line.AsSpan(Prefix.Length).ToString()) is not JsonObject node)
                return false;
            milestone = node["milestone"]?.GetValue<bool>() ?? false;
            node.Remove("milestone");
            progress = node.Deserialize<JobProgress>(JsonOptions)!;
            return progress?.Phase is not null;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    /// <summary>A progress callback that writes each event to <paramref name="output"/> as a line and flushes it.</summary>
    public static Action<JobProgress, bool> Writer(TextWriter output)
    {
        var gate = new Lock();
        return (progress, milestone) =>
        {
            var line = Format(progress, milestone);
            lock (gate)
            {
                output.WriteLine(line);
                output.Flush();
            }
        };
    }
}
