using System.Collections.Immutable;
using Daft.Coordinator.Cli.Views;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.SweepViews;
using Spectre.Console;
using static Daft.Coordinator.Tests.Ledger.LedgerPlans;

namespace Daft.Coordinator.Tests.Cli;

/// <summary>What <c>--watch</c> prints between two looks at a sweep (in a log), and the live block it draws (on a terminal).</summary>
public sealed class WatchLinesTests
{
    private static readonly RunningJobView Training = new("job-a", "ft digits small_cnn lr=0.01 run 1", JobState.Running, "akka.tcp://daft@10.0.0.7:4054",
        "cuda:0", 1, 3, At(0), "train", 1, 4, 0.9, 0.3, 95);

    [Fact]
    public void Nothing_changed_prints_nothing_not_even_when_the_eta_moved()
    {
        var view = View(running: [Training]);
        Assert.Empty(WatchLines.Between(view, view with { At = At(99), Running = [Training with { EtaSeconds = 80 }] }));
    }

    [Fact]
    public void A_new_failure_comes_first_then_starts_and_epochs_then_the_counts()
    {
        var before = View(running: [Training], pending: 2);
        var failure = new FailureView("job-b", "ft digits small_cnn lr=0.01 run 2", "failed", 2, "CUDA out of memory", At(30), "n1", "cuda:1");
        var after = View(running: [Training with { Epoch = 2, IdVal = 0.925, EtaSeconds = 61 }, Training with { JobId = "job-c", Epoch = 0, Phase = "setup" }],
            pending: 0, failures: [failure]);

        Assert.Equal(
        [
            "12:00:30 FAILED    job-b ft digits small_cnn lr=0.01 run 2 (attempt 2 on n1/cuda:1): CUDA out of memory",
            "epoch 2/4 job-a ft digits small_cnn lr=0.01 run 1, id_val 92.50%, eta 1m01s",
            "started job-c ft digits small_cnn lr=0.01 run 1 on 10.0.0.7:4054/cuda:0 (attempt 1/3)",
            "0/4 succeeded, 2 running, 0 pending, 1 failed, 0 cancelled",
        ], WatchLines.Between(before, after));
    }

    [Fact]
    public void The_first_look_says_where_the_sweep_stands_with_its_failures_so_far_and_what_runs()
    {
        var retry = new FailureView("job-b", "label b", "retry", 1, "boom", At(5), "n1", "cpu:0");
        Assert.Equal(
        [
            "sweep watched (abc123def456): 0/4 succeeded, 1 running, 3 pending, 0 failed, 0 cancelled",
            "12:00:05 retry     job-b label b (attempt 1 on n1/cpu:0): boom",
            "started job-a ft digits small_cnn lr=0.01 run 1 on 10.0.0.7:4054/cuda:0 (attempt 1/3)",
        ], WatchLines.Between(null, View(running: [Training], pending: 3, failures: [retry])));
    }

    [Fact]
    public void The_live_block_shows_the_counts_the_running_jobs_and_the_latest_failures()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        var failure = new FailureView("job-b", "label [b]", "failed", 1, "NaN loss", At(30), null, null);

        console.Write(LiveView.Render(View(running: [Training], pending: 2, failures: [failure]), problem: "database is locked"));

        var text = output.ToString();
        Assert.Contains("sweep watched (abc123def456) at 12:00:50: 0/4 succeeded, 1 running, 2 pending, 1 failed, 0 cancelled", text);
        Assert.Contains("cannot look at the sweep: database is locked; trying again", text);
        Assert.Matches(@"job-a\s+ft digits small_cnn lr=0\.01 run 1\s+10\.0\.0\.7:4054/cuda:0\s+1/3\s+1/4\s+90\.00\s+1m35s", text);
        Assert.Contains("FAILED    job-b label [b] (attempt 1): NaN loss", text);
    }

    [Fact]
    public void Durations_read_as_seconds_minutes_or_hours()
    {
        Assert.Equal(["0s", "42s", "3m05s", "1h02m", "26h00m"], new[] { -3, 42, 185, 3725, 93600 }.Select(seconds => StatusText.Duration(seconds)));
    }

    private static SweepStatusView View(ImmutableArray<RunningJobView> running, int pending = 0, ImmutableArray<FailureView> failures = default)
    {
        var failed = failures.IsDefault ? 0 : failures.Count(failure => failure.Kind == "failed");
        var counts = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, int>
        {
            ["pending"] = pending,
            ["leased"] = 0,
            ["running"] = running.Length,
            ["succeeded"] = 0,
            ["failed"] = failed,
            ["cancelled"] = 0,
        });
        return new SweepStatusView("abc123def456", "watched", "active", 0, 3, At(0), At(50), counts, 4, false, running,
            failures.IsDefault ? [] : failures);
    }
}
