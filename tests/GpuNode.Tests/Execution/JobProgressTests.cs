using Daft.GpuNode.Jobs;
using Daft.GpuNode.Tests.Jobs;
using Daft.GpuNode.Tests.Probing;
using Daft.Shared.Farm;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Tests.Execution;

/// <summary>What a job reports while it runs: its phases in order, and a milestone per finished epoch.</summary>
[Collection(nameof(ThreadCountChanges))] // JobRunner sets libtorch's process-wide thread count
public sealed class JobProgressTests
{
    static List<(JobProgress Progress, bool Milestone)> Run(string yaml)
    {
        var folder = DigitsRuns.NewFolder("progress");
        var spec = JobSpecLoader.Parse(yaml, Path.Combine(folder, "job.yaml"));
        var events = new List<(JobProgress, bool)>();
        JobRunner.Run(spec, folder, progress: (p, m) => events.Add((p, m)));
        return events;
    }

    [Fact]
    public void Fine_tuning_reports_setup_then_train_and_eval_per_epoch_then_done()
    {
        var events = Run("""
            dataset: digits
            backbone: small_cnn
            method:
              name: ft
              lr: 0.05
            epochs: 2
            threads: 2
            """);

        Assert.Equal(["setup", "train", "eval", "eval*", "train", "eval", "eval*", "done"],
            events.Select(e => e.Progress.Phase + (e.Milestone ? "*" : "")));
        var milestones = events.Where(e => e.Milestone).Select(e => e.Progress).ToList();
        Assert.Equal([1, 2], milestones.Select(p => p.Epoch));
        Assert.All(events, e => Assert.Equal(2, e.Progress.Epochs));
        Assert.All(milestones, p =>
        {
            Assert.True(p.TrainLoss > 0);
            Assert.InRange(p.IdVal!.Value, 0.0, 1.0);
            Assert.Equal(["digits_inverted"], p.Ood!.Keys);
        });
        // Between milestones the last finished epoch's figures stand: the latest event alone describes the job.
        Assert.Equal(milestones[1] with { Phase = "done" }, events[^1].Progress);
        Assert.Equal(0, events[1].Progress.Epoch);
    }

    [Fact]
    public void A_linear_probe_reports_its_probe_and_one_milestone_at_epoch_0()
    {
        var events = Run("""
            dataset: digits
            backbone: small_cnn
            method:
              name: lp
              c_num: 2
              max_iter: 20
            threads: 2
            """);

        Assert.Equal(["setup", "probe", "eval*", "done"], events.Select(e => e.Progress.Phase + (e.Milestone ? "*" : "")));
        var milestone = events.Single(e => e.Milestone).Progress;
        Assert.Equal((0, 0, (double?)null), (milestone.Epoch, milestone.Epochs, milestone.TrainLoss));
        Assert.NotNull(milestone.IdVal);
        Assert.Contains("digits_inverted", milestone.Ood!.Keys);
    }

    [Fact]
    public void Daft_reports_its_bn_conversion()
    {
        var events = Run("""
            dataset: digits
            backbone: small_cnn
            method:
              name: daft
              lr: 0.01
              head_lr: 0.1
            epochs: 1
            threads: 2
            """);

        Assert.Equal(["setup", "bn_conversion", "train", "eval", "eval", "done"], events.Select(e => e.Progress.Phase));
    }
}
