using System.Globalization;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Shared.Data;
using Daft.Shared.Results;

namespace Daft.Coordinator.Cli.Jobs;

/// <summary>
/// One farm job as <c>daft job show ID</c> prints it: what it is, where it stands and ran, why it ended as it did, its
/// result at the chosen epoch, its folder and logs, and its history. Also the JSON of <c>--json</c>.
/// </summary>
internal sealed record FarmJobView(StoredJob Job, IReadOnlyList<StoredSweep> Sweeps, IReadOnlyList<JobEventRow> History, RunResult? Result, string Folder, IReadOnlyList<string> Logs)
{
    public static FarmJobView Of(IJobLedger ledger, StoredJob job, string home)
    {
        var result = ledger.Result(job.Id) is { } stored ? RunResult.FromJson(stored.ResultJson) : null;
        var folder = FarmHome.JobDirectory(home, job.Id);
        return new FarmJobView(job, [.. job.Sweeps.Select(ledger.Sweep).OfType<StoredSweep>()], ledger.Events(job.Id), result, folder, JobLogs.In(folder));
    }

    public void Write(TextWriter output)
    {
        var job = Job;
        output.WriteLine($"job {job.Id}: {job.Method} on {job.Dataset}, {job.Backbone}, run {job.RunNum}");
        Line(output, "state", $"{job.State.Text()} (attempt {job.Attempt} of at most {job.MaxAttempts}){(job.Reason is null ? "" : $": {job.Reason}")}");
        Line(output, "sweeps", string.Join(", ", Sweeps.Select(sweep => $"{sweep.Name} ({sweep.Id[..8]})")));
        if (job.Tags.Count > 0)
        {
            Line(output, "tags", string.Join(" ", job.Tags.Select(tag => $"{tag.Key}={tag.Value}")));
        }

        if (job.DependsOn.Length > 0)
        {
            Line(output, "after", string.Join(", ", job.DependsOn));
        }

        if (job.Node is not null)
        {
            Line(output, "ran on", $"{job.Node} {job.Device}");
        }

        Line(output, "times", Times(job));
        if (job.ProgressJson is { } progress && job.State.IsOpen())
        {
            Line(output, "progress", progress);
        }

        if (Result is { } result)
        {
            var sets = string.Join("  ", result.Final.Select(set => string.Create(CultureInfo.InvariantCulture, $"{set.Name} {set.Accuracy * 100:F2}")));
            Line(output, "result", $"{result.Status}, epoch {result.ChosenEpoch} of {result.Epochs.Length}: {sets}");
        }

        Line(output, "folder", Folder);
        Line(output, "logs", Logs.Count == 0 ? "none here (the job's node keeps them in its farm home)" : string.Join(", ", Logs.Select(Path.GetFileName)));
        output.WriteLine("history:");
        foreach (var row in History)
        {
            var where = row.Node is null ? "" : $" {row.Node} {row.Device}";
            var detail = row.Detail is null || row.Kind == "progress" ? "" : $": {row.Detail}";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {row.At:yyyy-MM-dd HH:mm:ss}  {row.Kind,-11} attempt {row.Attempt}{where}{detail}"));
        }
    }

    private static string Times(StoredJob job)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"submitted {job.SubmittedAt:yyyy-MM-dd HH:mm:ss}Z");
        if (job.StartedAt is { } started)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", started {started:HH:mm:ss}");
        }

        if (job.FinishedAt is { } finished)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", finished {finished:HH:mm:ss}");
            if (job.StartedAt is { } begun)
            {
                text += string.Create(CultureInfo.InvariantCulture, $" ({(finished - begun).TotalSeconds:0} s)");
            }
        }

        return text;
    }

    private static void Line(TextWriter output, string label, string text) => output.WriteLine($"  {label,-9} {text}");
}

/// <summary>A job folder's logs: one per attempt (<c>attempt-N.log</c>), oldest first.</summary>
internal static class JobLogs
{
    public static IReadOnlyList<string> In(string folder) => Directory.Exists(folder)
        ? [.. Directory.GetFiles(folder, "attempt-*.log").OrderBy(AttemptOf)]
        : [];

    /// <summary>The attempt number in "attempt-12.log" (files named otherwise sort last).</summary>
    public static int AttemptOf(string path) =>
        int.TryParse(Path.GetFileNameWithoutExtension(path).AsSpan("attempt-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
            ? attempt
            : int.MaxValue;
}
