using System.Globalization;
using Daft.Coordinator.SweepViews;

namespace Daft.Coordinator.Cli.Views;

/// <summary>
/// What changed between two looks at a sweep, as the lines <c>daft sweep status --watch</c> prints into a log (not a
/// terminal): each new failure, retry or lost lease with its reason first (farm-anchors §B6: users hate failures
/// reported late), then jobs that started, epochs that ended, and the counts when they moved. Nothing changed, no line.
/// Pure: two views in, lines out.
/// </summary>
internal static class WatchLines
{
    public static IReadOnlyList<string> Between(SweepStatusView? before, SweepStatusView now)
    {
        var lines = new List<string>();
        if (before is null)
        {
            lines.Add($"sweep {now.Name} ({now.Id}): {StatusText.Counts(now)}");
            lines.AddRange(now.Failures.TakeLast(StatusText.FailuresShown).Select(StatusText.Failure));
            lines.AddRange(now.Running.Select(Started));
            return lines;
        }

        var known = before.Failures.ToHashSet();
        lines.AddRange(now.Failures.Where(failure => !known.Contains(failure)).Select(StatusText.Failure));
        var running = before.Running.ToDictionary(job => (job.JobId, job.Attempt));
        foreach (var job in now.Running)
        {
            if (!running.TryGetValue((job.JobId, job.Attempt), out var earlier))
            {
                lines.Add(Started(job));
            }
            else if (job.Epoch is { } epoch && epoch > (earlier.Epoch ?? 0))
            {
                var idVal = job.IdVal is { } value ? $", id_val {(value * 100).ToString("F2", CultureInfo.InvariantCulture)}%" : "";
                lines.Add($"epoch {StatusText.Epoch(job)} {job.JobId} {job.Label}{idVal}, eta {StatusText.Eta(job)}");
            }
        }

        if (!before.Counts.SequenceEqual(now.Counts))
        {
            lines.Add(StatusText.Counts(now));
        }

        return lines;
    }

    private static string Started(RunningJobView job) =>
        $"started {job.JobId} {job.Label} on {StatusText.Where(job.Node, job.Device)} (attempt {job.Attempt}/{job.MaxAttempts})";
}
