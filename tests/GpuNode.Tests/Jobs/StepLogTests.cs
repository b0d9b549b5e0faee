using Daft.GpuNode.Tests.Probing;
using Daft.Shared.Results;

namespace Daft.GpuNode.Tests.Jobs;

/// <summary><c>log_every_n_steps: 1</c>: every optimiser step's learning rates and loss land in result.json.</summary>
[Collection(nameof(ThreadCountChanges))] // JobRunner sets libtorch's process-wide thread count
public sealed class StepLogTests
{
    // 1,352 digits train images in batches of 64: 21 full batches and one of 8.
    const int BatchesPerEpoch = 22;
    const int LastBatch = 1352 - 21 * 64;

    [Fact]
    public void Ft_records_every_step_with_one_lr_for_both_groups()
    {
        var result = DigitsRuns.Pretrain.Result;

        AssertEveryStep(result);
        // Cosine over 2 epochs: the base lr in epoch 1, half of it in epoch 2; FT's head group shares the body's lr.
        Assert.All(result.Steps.Where(s => s.Epoch == 1), s => Assert.Equal([0.05, 0.05], s.LearningRates.ToArray()));
        Assert.All(result.Steps.Where(s => s.Epoch == 2), s => Assert.All(s.LearningRates, lr => Assert.Equal(0.025, lr, 1e-15)));
    }

    [Fact]
    public void Daft_records_every_step_with_the_body_lr_and_the_head_lr()
    {
        var result = DigitsRuns.Daft.Result;

        AssertEveryStep(result);
        Assert.All(result.Steps.Where(s => s.Epoch == 1), s => Assert.Equal([0.01, 0.1], s.LearningRates.ToArray()));
        Assert.All(result.Steps.Where(s => s.Epoch == 2), s =>
        {
            Assert.Equal(0.005, s.LearningRates[0], 1e-15);
            Assert.Equal(0.05, s.LearningRates[1], 1e-15);
        });
    }

    [Fact]
    public void A_job_without_log_every_n_steps_records_no_step()
    {
        Assert.Equal(0, DigitsRuns.LpFtFromHead.Spec.LogEveryNSteps);
        Assert.Empty(DigitsRuns.LpFtFromHead.Result.Steps);
    }

    /// <summary>Steps 1..22 of every epoch, two lr groups each, and losses whose batch-weighted mean is the epoch's train loss.</summary>
    static void AssertEveryStep(RunResult result)
    {
        Assert.Equal(result.Epochs.Length * BatchesPerEpoch, result.Steps.Length);
        foreach (var epoch in result.Epochs)
        {
            var steps = result.Steps.Where(s => s.Epoch == epoch.Epoch).ToList();
            Assert.Equal(Enumerable.Range(1, BatchesPerEpoch), steps.Select(s => s.Step));
            Assert.All(steps, s => Assert.Equal(2, s.LearningRates.Length));
            Assert.Equal(epoch.LearningRates.ToArray(), steps[0].LearningRates.ToArray());
            var weighted = steps.Sum(s => s.Loss * (s.Step == BatchesPerEpoch ? LastBatch : 64));
            Assert.Equal(epoch.TrainLoss, weighted / 1352, 1e-12);
        }
    }
}
