using System.Globalization;
using Daft.Coordinator.Cli.Sweep;
using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.SweepViews;

namespace Daft.Coordinator.Cli.Views;

/// <summary>The sweep views as text: the list, one sweep's status, and the small pieces the live view shares with them.</summary>
internal static class StatusText
{
    /// <summary>How many failures a status prints before it says how many more there are (the JSON has them all).</summary>
    public const int FailuresShown = 20;

    /// <summary>"3/10 succeeded, 2 running, 4 pending, 1 failed, 0 cancelled" (running includes leased).</summary>
    public static string Counts(SweepStatusView view) =>
        $"{view.Count(JobState.Succeeded)}/{view.Total} succeeded, {view.Count(JobState.Running) + view.Count(JobState.Leased)} running, " +
        $"{view.Count(JobState.Pending)} pending, {view.Count(JobState.Failed)} failed, {view.Count(JobState.Cancelled)} cancelled";

    public static void WriteList(TextWriter output, IReadOnlyList<SweepSummary> sweeps, string source)
    {
        if (sweeps.Count == 0)
        {
            output.WriteLine($"no sweeps in {source}");
            return;
        }

        int Count(SweepSummary sweep, JobState state) => sweep.Counts.GetValueOrDefault(state.Text());
        TextTable.Write(output, ["id", "name", "state", "submitted", "jobs", "succeeded", "running", "pending", "failed", "cancelled"],
        [
            .. sweeps.Select(sweep => (IReadOnlyList<string>)
            [
                sweep.Id, sweep.Name, sweep.Done ? $"{sweep.State}, done" : sweep.State, Time(sweep.SubmittedAt), Number(sweep.Total),
                Number(Count(sweep, JobState.Succeeded)), Number(Count(sweep, JobState.Running) + Count(sweep, JobState.Leased)),
                Number(Count(sweep, JobState.Pending)), Number(Count(sweep, JobState.Failed)), Number(Count(sweep, JobState.Cancelled)),
            ]),
        ], new HashSet<int> { 4, 5, 6, 7, 8, 9 });
    }

    public static void Write(TextWriter output, SweepStatusView view)
    {
        output.WriteLine($"sweep {view.Name} ({view.Id}): {view.State}{(view.Done ? ", done" : "")}, priority {view.Priority}, submitted {Time(view.SubmittedAt)}");
        output.WriteLine($"{view.Total} jobs: {Counts(view)}");
        if (view.Running.Length > 0)
        {
            output.WriteLine();
            TextTable.Write(output, ["job", "label", "node/device", "attempt", "epoch", "id_val", "eta"],
                [.. view.Running.Select(job => (IReadOnlyList<string>)[job.JobId, job.Label, Where(job.Node, job.Device), $"{job.Attempt}/{job.MaxAttempts}",
                    Epoch(job), job.IdVal is { } idVal ? (idVal * 100).ToString("F2", CultureInfo.InvariantCulture) : "-", Eta(job)])],
                new HashSet<int> { 3, 4, 5, 6 });
        }

        if (view.Failures.Length > 0)
        {
            output.WriteLine();
            output.WriteLine($"failures and retries, oldest first ({view.Failures.Length}):");
            foreach (var failure in view.Failures.TakeLast(FailuresShown))
            {
                output.WriteLine($"  {Failure(failure)}");
            }

            if (view.Failures.Length > FailuresShown)
            {
                output.WriteLine($"  … and {view.Failures.Length - FailuresShown} earlier (--json lists them all)");
            }
        }
    }

    /// <summary>"12:03:01 FAILED 71e523b9d0970a16 ft digits small_cnn lr=0.01 run 1 (attempt 2 on n1/cpu:0): out of memory".</summary>
    public static string Failure(FailureView failure)
    {
        var kind = failure.Kind switch
        {
            "failed" => "FAILED",
            "cancelled" => "cancelled",
            "retry" => "retry",
            "requeued" => "requeued",
            var other => other,
        };
        var where = failure.Device is null ? "" : $" on {Where(failure.Node, failure.Device)}";
        var attempt = failure.Attempt > 0 ? $" (attempt {failure.Attempt}{where})" : "";
        var at = failure.At is { } time ? time.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " " : "";
        return $"{at}{kind,-9} {failure.JobId} {failure.Label}{attempt}: {failure.Reason ?? "no reason recorded"}";
    }

    /// <summary>"127.0.0.1:40123/cpu:0", the node without its "akka.tcp://daft@" prefix.</summary>
    public static string Where(string? node, string? device) => ProgressDisplay.Short(node is null ? device : $"{node}/{device}");

    public static string Epoch(RunningJobView job) => job switch
    {
        { Epoch: { } epoch, Epochs: { } epochs and > 0 } => $"{epoch}/{epochs}",
        { Phase: { } phase } => phase,
        _ => job.State == JobState.Leased ? "leased" : "starting",
    };

    public static string Eta(RunningJobView job) => job.EtaSeconds is { } seconds ? Duration(seconds) : "-";

    /// <summary>"42s", "3m05s", "1h02m".</summary>
    public static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m" : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds:00}s" : $"{span.Seconds}s";
    }

    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
