using Daft.Coordinator.Tests.Cli;
using Daft.Coordinator.Tests.Support;

namespace Daft.Coordinator.Tests.Results.Plots;

/// <summary><c>daft results plot</c> end to end on a hand-built SQLite ledger: the files, their kind and size.</summary>
public sealed class ResultsPlotCommandTests : IDisposable
{
    private readonly ResultLedger _ledger = new();

    private static readonly (string Method, double? Lr, double? HeadLr, double IdVal, double Digits)[] Settings =
    [
        ("ft", 0.01, null, 0.92, 0.30), ("ft", 0.1, null, 0.88, 0.35), ("daft", 0.01, 0.1, 0.95, 0.28), ("lp", null, null, 0.90, 0.40),
    ];

    private string Sweep()
    {
        foreach (var (method, lr, headLr, idVal, digits) in Settings)
        {
            foreach (var runNum in new[] { 1, 2 })
            {
                var job = ResultLedger.Job(method, runNum, lr, headLr);
                var result = ResultLedger.Result(job, idVal + 0.01 * runNum, digits - 0.01 * runNum);
                _ledger.Succeeded(job, method == "lp" ? result with { Epochs = [], ChosenEpoch = 0 } : result);
            }
        }

        _ledger.Failed(ResultLedger.Job("ft", 3, 0.01), "out of memory");
        return _ledger.Write("plots-e2e");
    }

    [Fact]
    public void The_sweep_plots_and_every_jobs_epoch_curves_are_written_and_listed()
    {
        var sweepId = Sweep();

        var run = CliRun.Daft("results", "plot", "plots-e2e", "--out", _ledger.Output, "--db", _ledger.Database, "--all-jobs");

        Assert.True(run.ExitCode == 0, run.Error);
        string[] sweepPlots =
        [
            "lr_digits_inverted_small_cnn_id_val.png", "lr_digits_inverted_small_cnn_digits.png", "id_vs_ood_digits_inverted_small_cnn_digits.png",
        ];
        string[] epochPlots =
        [
            "epochs_digits_inverted_small_cnn_ft_lr=0.01_run1.png", "epochs_digits_inverted_small_cnn_ft_lr=0.01_run2.png",
            "epochs_digits_inverted_small_cnn_ft_lr=0.1_run1.png", "epochs_digits_inverted_small_cnn_ft_lr=0.1_run2.png",
            "epochs_digits_inverted_small_cnn_daft_lr=0.01_head_lr=0.1_run1.png", "epochs_digits_inverted_small_cnn_daft_lr=0.01_head_lr=0.1_run2.png",
        ];
        string[] all = [.. sweepPlots, .. epochPlots];
        Assert.Equal(all.Order(StringComparer.Ordinal), Directory.GetFiles(_ledger.Output).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal));
        // Each path printed once: the sweep's plots first, then the jobs' in sweep order.
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(all.Select(name => Path.Combine(_ledger.Output, name)), lines.Where(line => line.StartsWith(_ledger.Output, StringComparison.Ordinal)));
        Assert.Contains(lines, line => line.StartsWith("no per-epoch plot for digits_inverted_small_cnn_lp_run1 ", StringComparison.Ordinal) && line.Contains("no epoch"));
        Assert.Contains(lines, line => line.StartsWith("no per-epoch plot for digits_inverted_small_cnn_ft_lr=0.01_run3 ", StringComparison.Ordinal) && line.Contains("no result (failed)"));
        Assert.Equal($"sweep plots-e2e ({sweepId}): 9 PNG files in {_ledger.Output}", lines[^1]);
        foreach (var name in sweepPlots)
        {
            Assert.Equal((1000, 650), PngFile.Size(File.ReadAllBytes(Path.Combine(_ledger.Output, name))));
        }

        foreach (var name in epochPlots)
        {
            Assert.Equal((1000, 1100), PngFile.Size(File.ReadAllBytes(Path.Combine(_ledger.Output, name))));
        }
    }

    [Fact]
    public void Without_jobs_asked_for_only_the_sweep_plots_are_written_and_a_job_is_found_by_an_id_prefix()
    {
        var sweepId = Sweep();
        var daft = ResultLedger.Job("daft", 2, 0.01, 0.1).Id;

        var run = CliRun.Daft("results", "plot", sweepId[..6], "--out", _ledger.Output, "--db", _ledger.Database, "--job", daft[..7]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(4, Directory.GetFiles(_ledger.Output).Length);
        Assert.True(File.Exists(Path.Combine(_ledger.Output, "epochs_digits_inverted_small_cnn_daft_lr=0.01_head_lr=0.1_run2.png")));
    }

    [Fact]
    public void An_unknown_sweep_or_job_is_an_input_error_naming_what_the_ledger_has()
    {
        Sweep();

        var sweep = CliRun.Daft("results", "plot", "nope", "--out", _ledger.Output, "--db", _ledger.Database);
        var job = CliRun.Daft("results", "plot", "plots-e2e", "--out", _ledger.Output, "--db", _ledger.Database, "--job", "zzzz");

        Assert.Equal(2, sweep.ExitCode);
        Assert.Contains($"no sweep 'nope' (by id, name or start of id) in sqlite:{_ledger.Database}", sweep.Error);
        Assert.Equal(2, job.ExitCode);
        Assert.Contains("no job 'zzzz' in this sweep", job.Error);
        Assert.False(Directory.Exists(_ledger.Output));
    }

    [Fact]
    public void A_sweep_with_no_result_yet_writes_nothing_and_says_so()
    {
        _ledger.Pending(ResultLedger.Job("ft", 1, 0.01));
        var sweepId = _ledger.Write("waiting");

        var run = CliRun.Daft("results", "plot", "waiting", "--out", _ledger.Output, "--db", _ledger.Database);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal($"sweep waiting ({sweepId}): nothing to plot yet: no job has a result\n", run.Output);
    }

    public void Dispose() => _ledger.Dispose();
}
