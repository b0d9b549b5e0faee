using Daft.GpuNode.Pipelines;
using Daft.GpuNode.Probing;
using Daft.GpuNode.Tests.Probing;
using Daft.Shared.Results;

namespace Daft.GpuNode.Tests.Jobs;

/// <summary>Each method run end to end by <c>JobRunner</c> on digits: what result.json and the model file promise.</summary>
[Collection(nameof(ThreadCountChanges))] // JobRunner sets libtorch's process-wide thread count
public sealed class JobRunnerMethodTests
{
    [Fact]
    public void Ft_records_every_epoch_and_ends_at_the_best_one()
    {
        var run = DigitsRuns.Pretrain;

        JobRunAssert.Succeeded(run, "digits_inverted");
        Assert.Null(run.Result.Probe);
        Assert.NotNull(run.Result.Distortion);
    }

    [Fact]
    public void Lp_fits_the_head_over_the_50_point_C_grid_and_trains_no_epoch()
    {
        var run = DigitsRuns.Lp;

        JobRunAssert.Succeeded(run, "digits");
        var probe = Assert.IsType<ProbeSummary>(run.Result.Probe);
        Assert.Equal(50, probe.Path.Length);
        Assert.Equal(1e-7, probe.Path[0].C, 1e-20);
        Assert.Equal(100, probe.Path[^1].C, 1e-10);
        Assert.Contains(probe.Path, p => p.C == probe.BestC && p.ValAccuracy == probe.BestValAccuracy);
        // The head folded into fc classifies id_val as the probe did on normalised features (one image may flip
        // on a rounding tie).
        Assert.InRange(run.Result.Final[0].Accuracy - probe.BestValAccuracy, -1.0 / 445, 1.0 / 445);
        using var head = LinearProbe.LoadHead(DigitsRuns.LpHeadPath);
        Assert.Equal([10L, 128L], head.Weight.shape);
        Assert.Equal(probe.BestC, head.BestC);
    }

    [Fact]
    public void Lp_ft_starts_from_the_lp_jobs_head()
    {
        var run = DigitsRuns.LpFtFromHead;

        JobRunAssert.Succeeded(run, "digits");
        Assert.Null(run.Result.Probe); // no probe ran in this job
        // Before any step the network is LP's: the pretrained body with LP's folded head, so it scores exactly as LP did.
        var log = File.ReadAllText(Path.Combine(run.Folder, "job.log"));
        Assert.Contains($"before training: {Evaluation.Describe(DigitsRuns.Lp.Result.Final)}", log);
    }

    [Fact]
    public void Lp_ft_without_lp_head_runs_its_probe_first()
    {
        var run = DigitsRuns.LpFtInline;

        JobRunAssert.Succeeded(run, "digits");
        var probe = Assert.IsType<ProbeSummary>(run.Result.Probe);
        Assert.Equal([1e-3, 1e-2, 1e-1, 1, 10], probe.Path.Select(p => Math.Round(p.C, 12)));
        Assert.True(File.Exists(Path.Combine(run.Folder, "head.safetensors")));
        Assert.True(run.Result.Timings.LinearProbe > 0);
    }

    [Fact]
    public void Daft_records_every_epoch_and_ends_at_the_best_one()
    {
        var run = DigitsRuns.Daft;

        JobRunAssert.Succeeded(run, "digits");
        Assert.Null(run.Result.Probe);
        Assert.True(run.Result.Timings.BnConversion > 0);
        Assert.Equal([0.01, 0.1], run.Result.Epochs[0].LearningRates.ToArray()); // body lr, then the head's own absolute lr
    }
}
