using System.Globalization;
using System.Text.Json;
using Daft.Coordinator.Farm.Actors;
using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Farm.Local;

/// <summary>
/// The live view of a running sweep. On a terminal: a block redrawn in place (counts by state, one line per running job
/// with its device, epoch and latest ID accuracy); in a log: one line per job that starts, succeeds or fails. Either
/// way a failure is printed the moment it happens, with its reason (farm-anchors §B6: failures reported late).
/// </summary>
public sealed class ProgressDisplay(TextWriter output, bool interactive, IReadOnlyDictionary<string, string> labels, DateTimeOffset started)
{
    private int drawnLines;
    private readonly HashSet<string> reported = new(StringComparer.Ordinal);

    public void Show(SweepStatus status)
    {
        if (status.LastChange is { } change)
        {
            Report(status, change);
        }

        if (interactive)
        {
            Redraw(status);
        }
    }

    /// <summary>Clears the live block so that what follows starts on a clean line.</summary>
    public void Finish(SweepStatus status)
    {
        if (interactive)
        {
            Erase();
        }

        output.WriteLine(Summary(status));
    }

    private void Report(SweepStatus status, Dispatch.JobChanged change)
    {
        var label = Label(change.JobId);
        string? line = change.State switch
        {
            JobState.Failed => $"FAILED  {label}: {change.Reason}",
            JobState.Pending when change.Reason is not null => $"retry   {label} (after attempt {change.Attempt}): {change.Reason}",
            JobState.Succeeded => interactive ? null : $"done    {label}",
            JobState.Running when reported.Add($"{change.JobId}/{change.Attempt}") => interactive ? null : $"started {label} on {Short(change.Device)}",
            _ => null,
        };
        if (line is null)
        {
            return;
        }

        if (interactive)
        {
            Erase();
        }

        output.WriteLine($"[{Elapsed()}] {line}");
    }

    private void Redraw(SweepStatus status)
    {
        Erase();
        var lines = new List<string> { Summary(status) };
        lines.AddRange(status.Running.Select(job => $"  {Short(job.Device),-22} {Label(job.JobId),-56} {Progress(job.ProgressJson)}"));
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        drawnLines = lines.Count;
        output.Flush();
    }

    private void Erase()
    {
        for (; drawnLines > 0; drawnLines--)
        {
            output.Write("\u001b[1A\u001b[2K");
        }
    }

    private string Summary(SweepStatus status)
    {
        int Count(JobState state) => status.Counts.GetValueOrDefault(state.Text());
        var total = status.Counts.Values.Sum();
        return $"[{Elapsed()}] sweep {status.Name} ({status.SweepId}): {Count(JobState.Succeeded)}/{total} succeeded, " +
               $"{Count(JobState.Running) + Count(JobState.Leased)} running, {Count(JobState.Pending)} pending, " +
               $"{Count(JobState.Failed)} failed, {Count(JobState.Cancelled)} cancelled";
    }

    /// <summary>"127.0.0.1:40123/cpu:0" for "akka.tcp://daft@127.0.0.1:40123/cpu:0".</summary>
    public static string Short(string? device) =>
        device is null ? "?" : device.Contains('@', StringComparison.Ordinal) ? device[(device.IndexOf('@', StringComparison.Ordinal) + 1)..] : device;

    private string Label(string jobId) => labels.TryGetValue(jobId, out var label) ? $"{jobId} {label}" : jobId;

    private string Elapsed()
    {
        var elapsed = DateTimeOffset.UtcNow - started;
        return elapsed.ToString(elapsed.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>"train epoch 2/5, id_val 97.31%" from a progress heartbeat (snake_case JobProgress JSON).</summary>
    public static string Progress(string? progressJson)
    {
        if (progressJson is null)
        {
            return "starting";
        }

        using var document = JsonDocument.Parse(progressJson);
        var root = document.RootElement;
        var phase = root.TryGetProperty("phase", out var p) ? p.GetString() : null;
        var text = root.TryGetProperty("epochs", out var epochs) && epochs.GetInt32() > 0 && root.TryGetProperty("epoch", out var epoch)
            ? $"{phase} epoch {epoch.GetInt32()}/{epochs.GetInt32()}"
            : phase ?? "";
        if (root.TryGetProperty("id_val", out var idVal) && idVal.ValueKind == JsonValueKind.Number)
        {
            text += $", id_val {idVal.GetDouble() * 100:F2}%";
        }

        return text;
    }
}
