using Daft.GpuNode.Tests.Probing;

namespace Daft.GpuNode.Tests.Jobs;

/// <summary>
/// A CPU job at a fixed thread count is a pure function of its spec: two runs give the same numbers and the same
/// model bytes; another seed gives other numbers. DAFT from random init exercises every seeded draw: the network's
/// init, the BN-conversion pass, and each epoch's shuffle and flips.
/// </summary>
[Collection(nameof(ThreadCountChanges))] // JobRunner sets libtorch's process-wide thread count
public sealed class ReproducibilityTests(ReproducibilityTests.Runs runs) : IClassFixture<ReproducibilityTests.Runs>
{
    /// <summary>The same DAFT job twice, and once with another seed.</summary>
    public sealed class Runs
    {
        public JobRun First { get; } = JobRun.Execute(Job(seed: 0), DigitsRuns.NewFolder("repro-a"));

        public JobRun Second { get; } = JobRun.Execute(Job(seed: 0), DigitsRuns.NewFolder("repro-b"));

        public JobRun OtherSeed { get; } = JobRun.Execute(Job(seed: 1), DigitsRuns.NewFolder("repro-seed1"));

        static string Job(int seed) => $"""
            dataset: digits
            backbone: small_cnn
            method:
              name: daft
              lr: 0.01
              head_lr: 0.1
            epochs: 1
            seed: {seed}
            threads: 2
            log_every_n_steps: 1
            """;
    }

    [Fact]
    public void The_same_job_twice_gives_bit_identical_metrics_and_model()
    {
        var (a, b) = (runs.First.Result, runs.Second.Result);

        Assert.Equal(a.JobId, b.JobId);
        Assert.Equal(a.Steps.Select(s => s.Loss), b.Steps.Select(s => s.Loss));
        Assert.Equal(a.Epochs.Length, b.Epochs.Length);
        foreach (var (x, y) in a.Epochs.Zip(b.Epochs))
        {
            Assert.Equal((x.TrainLoss, x.TrainAccuracy), (y.TrainLoss, y.TrainAccuracy));
            Assert.Equal(x.Eval.AsEnumerable(), y.Eval.AsEnumerable()); // ImmutableArray itself compares by reference
        }
        Assert.Equal(a.Final.AsEnumerable(), b.Final.AsEnumerable());
        Assert.Equal(File.ReadAllBytes(runs.First.ModelPath), File.ReadAllBytes(runs.Second.ModelPath));
    }

    [Fact]
    public void Another_seed_gives_other_losses()
    {
        Assert.NotEqual(runs.First.Result.JobId, runs.OtherSeed.Result.JobId);
        var first = runs.First.Result.Steps.Select(s => s.Loss).ToList();
        var other = runs.OtherSeed.Result.Steps.Select(s => s.Loss).ToList();
        Assert.Equal(first.Count, other.Count);
        // Step 1 is the same for every seed: a zero head gives uniform logits, loss ln 10. After it, every step differs.
        Assert.Equal(Math.Log(10), first[0], 1e-6);
        Assert.Equal(first[0], other[0]);
        Assert.All(first.Zip(other).Skip(1), pair => Assert.NotEqual(pair.First, pair.Second));
    }
}
