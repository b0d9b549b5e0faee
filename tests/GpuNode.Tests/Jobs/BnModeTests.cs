using Daft.GpuNode.Tests.Probing;

namespace Daft.GpuNode.Tests.Jobs;

/// <summary>
/// BatchNorm while training, as the saved models show it: LP-FT (bn_mode eval) keeps the running statistics it
/// loaded while γ/β still learn; FT (bn_mode train) moves them.
/// </summary>
[Collection(nameof(ThreadCountChanges))] // JobRunner sets libtorch's process-wide thread count
public sealed class BnModeTests
{
    static readonly string[] BnLayers = ["bn1", "bn2", "bn3"];

    [Fact]
    public void Lp_ft_keeps_the_loaded_running_statistics_and_trains_gamma()
    {
        var loaded = DigitsRuns.Pretrain.ModelPath;
        var trained = DigitsRuns.LpFtFromHead.ModelPath;

        foreach (var layer in BnLayers)
        {
            foreach (var buffer in new[] { "running_mean", "running_var", "num_batches_tracked" })
                Assert.Equal(JobRunAssert.Entry(loaded, $"{layer}.{buffer}"), JobRunAssert.Entry(trained, $"{layer}.{buffer}"));
            Assert.NotEqual(JobRunAssert.Entry(loaded, $"{layer}.weight"), JobRunAssert.Entry(trained, $"{layer}.weight"));
        }
    }

    [Fact]
    public void Ft_updates_the_running_statistics()
    {
        // The pretrain job is FT from a fresh network, whose BN layers start at mean 0 and variance 1.
        var trained = DigitsRuns.Pretrain.ModelPath;

        foreach (var layer in BnLayers)
        {
            Assert.Contains(JobRunAssert.Entry(trained, $"{layer}.running_mean"), m => Math.Abs(m) > 1e-3);
            Assert.Contains(JobRunAssert.Entry(trained, $"{layer}.running_var"), v => Math.Abs(v - 1) > 1e-3);
            // Every batch up to the chosen epoch counted once: 22 batches per epoch.
            Assert.Equal([22.0 * DigitsRuns.Pretrain.Result.ChosenEpoch], JobRunAssert.Entry(trained, $"{layer}.num_batches_tracked"));
        }
    }
}
