using System.CommandLine;
using Daft.Coordinator.Cli.Results;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Results;
using Daft.Coordinator.Tests.Ledger;
using Daft.Coordinator.Tests.Support;
using Daft.Shared.Results.TensorBoard;
using Daft.Shared.Tests.Results.TensorBoard;

namespace Daft.Coordinator.Tests.Results.TensorBoard;

/// <summary><c>daft results tensorboard</c> on a hand-built SQLite ledger, read back with the tests' own event reader.</summary>
public sealed class ResultsTensorBoardCommandTests : IDisposable
{
    private readonly ResultLedger _ledger = new();

    /// <summary>The verb alone under a root command, run in-process with its output captured.</summary>
    private static (int ExitCode, string Output, string Error) TensorBoard(params string[] args)
    {
        var (output, error) = (new StringWriter { NewLine = "\n" }, new StringWriter { NewLine = "\n" });
        var exitCode = new RootCommand { ResultsTensorBoardCommand.Create() }.Parse(["tensorboard", .. args])
            .Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Each_job_with_a_result_becomes_a_run_named_by_its_label_with_one_step_per_epoch()
    {
        var ft = ResultLedger.Job("ft", 1, 0.01);
        var daft = ResultLedger.Job("daft", 1, 0.01, 0.1);
        var lp = ResultLedger.Job("lp", 1);
        var sweepId = _ledger
            .Succeeded(ft, ResultLedger.Result(ft, 0.92, 0.3))
            .Succeeded(daft, ResultLedger.Result(daft, 0.95, 0.28, epochs: 2))
            .Succeeded(lp, ResultLedger.Result(lp, 0.9, 0.4) with { Epochs = [], ChosenEpoch = 0 })
            .Failed(ResultLedger.Job("ft", 2, 0.01), "out of memory")
            .Write("tb");

        var run = TensorBoard("tb", "--out", _ledger.Output, "--db", _ledger.Database);

        Assert.True(run.ExitCode == 0, run.Error);
        string[] labels = ["digits_inverted_small_cnn_ft_lr=0.01_run1", "digits_inverted_small_cnn_daft_lr=0.01_head_lr=0.1_run1", "digits_inverted_small_cnn_lp_run1"];
        Assert.Equal(labels.Order(StringComparer.Ordinal), Directory.GetDirectories(_ledger.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var files = labels.Select(label => Assert.Single(Directory.GetFiles(Path.Combine(_ledger.Output, label)))).ToList();
        Assert.Equal([.. files, $"sweep tb ({sweepId}): 3 runs in {_ledger.Output}; view with: tensorboard --logdir {_ledger.Output}"],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // ft: the ledger has no start (the job never reported one), so it is the finish (T0 + 10 s) minus the job's 10 s;
        // epochs begin after the 1 s of setup and end 1.5 s apart.
        var events = EventReader.Read(File.ReadAllBytes(files[0]));
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal([1L, 2, 3], events.Skip(1).Select(e => e.Step));
        Assert.Equal([2.5, 4.0, 5.5], events.Skip(1).Select(e => e.WallTime - LedgerPlans.T0.ToUnixTimeSeconds()));
        var last = events[3].Values.ToDictionary(value => value.Tag, value => value.Value);
        Assert.Equal((92f, 30f, 90f), (last["eval/id_val/accuracy"], last["eval/digits/accuracy"], last["train/accuracy"]));
        Assert.Equal(["train/loss", "train/accuracy", "eval/id_val/accuracy", "eval/id_val/loss", "eval/digits/accuracy", "eval/digits/loss", "lr/group0", "lr/group1"],
            events[1].Values.Select(value => value.Tag));
        Assert.Equal(3, EventReader.Read(File.ReadAllBytes(files[1])).Count);
        var probe = Assert.Single(EventReader.Read(File.ReadAllBytes(files[2])).Skip(1));
        Assert.Equal((0L, 4), (probe.Step, probe.Values.Count));
        Assert.StartsWith(EventFile.Prefix, Path.GetFileName(files[2]));
    }

    [Fact]
    public void An_unknown_sweep_is_an_input_error()
    {
        _ledger.Pending(ResultLedger.Job("ft", 1, 0.01)).Write("tb");

        var run = TensorBoard("other", "--out", _ledger.Output, "--db", _ledger.Database);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("results tensorboard: no sweep 'other'", run.Error);
    }

    [Fact]
    public void Labels_name_dataset_model_method_setting_and_run_and_stay_unique()
    {
        static ResultRow Row(string id, string method, string hyper, int runNum = 1) =>
            new(id, "digits_shift", "moco v2", method, hyper, runNum, JobState.Succeeded, null, null);

        Assert.Equal("digits_shift_moco_v2_daft_lr=0.001_head_lr=0.1_run1", RunLabels.Of(Row("a", "daft", "lr=0.001 head_lr=0.1")));
        Assert.Equal("digits_shift_moco_v2_lp_run2", RunLabels.Of(Row("a", "lp", "", 2)));
        var labels = RunLabels.Unique([Row("0123456789", "ft", "lr=0.1"), Row("abcdefabcd", "ft", "lr=0.1"), Row("ffff", "ft", "lr=0.01")]);
        Assert.Equal(["digits_shift_moco_v2_ft_lr=0.1_run1_01234567", "digits_shift_moco_v2_ft_lr=0.1_run1_abcdefab", "digits_shift_moco_v2_ft_lr=0.01_run1"],
            labels.Values);
        Assert.Equal("a_b_c", RunLabels.Safe("a/b c"));
    }

    public void Dispose() => _ledger.Dispose();
}
