using Daft.GpuNode.Data;
using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using Daft.Shared.Specs;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Data;

/// <summary>
/// The prefetcher hands over the source's batches in order, from another thread, and never leaks or hangs: every
/// batch the source made is disposed once the consumer is done, however it stops.
/// </summary>
public sealed class PrefetchTests
{
    /// <summary>A source of numbered batches (images = [i], labels = [i]) that records what it made, on which
    /// thread, and whether its enumerator was finished or disposed.</summary>
    sealed class CountingSource(int count, int failAfter = -1)
    {
        public List<Tensor> Made { get; } = [];
        public int? Thread { get; private set; }
        public bool Closed { get; private set; }

        public IEnumerable<(Tensor Images, Tensor Labels)> Batches()
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    if (i == failAfter)
                        throw new InvalidOperationException($"source broke at batch {i}");
                    Thread = Environment.CurrentManagedThreadId;
                    var batch = (tensor(new float[] { i }), tensor(new long[] { i }));
                    lock (Made)
                        Made.AddRange([batch.Item1, batch.Item2]);
                    yield return batch;
                }
            }
            finally
            {
                Closed = true;
            }
        }

        public int Disposed
        {
            get
            {
                lock (Made)
                    return Made.Count(t => t.IsInvalid);
            }
        }
    }

    [Fact]
    public void Batches_arrive_in_the_source_order_made_on_another_thread()
    {
        var source = new CountingSource(20);
        var seen = new List<long>();

        foreach (var (images, labels) in source.Batches().Ahead(depth: 3).DisposeEach())
        {
            Assert.Equal(labels.item<long>(), (long)images.item<float>());
            seen.Add(labels.item<long>());
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), seen);
        Assert.NotEqual(Environment.CurrentManagedThreadId, source.Thread);
        Assert.True(source.Closed);
        Assert.Equal(40, source.Disposed);
    }

    [Fact]
    public void A_source_failure_reaches_the_consumer_after_the_batches_made_before_it()
    {
        var source = new CountingSource(10, failAfter: 3);
        var seen = new List<long>();

        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var (_, labels) in source.Batches().Ahead().DisposeEach())
                seen.Add(labels.item<long>());
        });

        Assert.Equal("source broke at batch 3", error.Message);
        Assert.Equal([0L, 1, 2], seen);
        Assert.Equal(6, source.Disposed);
    }

    [Fact]
    public void Stopping_early_stops_the_source_and_disposes_the_batches_it_made_ahead()
    {
        const int Depth = 2;
        var source = new CountingSource(1000);
        var taken = 0;

        foreach (var _ in source.Batches().Ahead(Depth).DisposeEach())
        {
            if (++taken == 2)
            {
                // Let the producer fill the queue, so there are batches made but not handed over.
                SpinWait.SpinUntil(() => source.Made.Count >= 2 * (taken + Depth), TimeSpan.FromSeconds(5));
                break;
            }
        }

        Assert.True(source.Closed);
        // Two handed over, at most Depth queued and one in the producer's hands when it was stopped.
        Assert.InRange(source.Made.Count / 2, taken + Depth, taken + Depth + 1);
        Assert.Equal(source.Made.Count, source.Disposed);
    }

    [Fact]
    public void Cancelling_ends_the_loop_and_leaves_nothing_undisposed()
    {
        var source = new CountingSource(1000);
        using var cancel = new CancellationTokenSource();
        var taken = 0;

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in source.Batches().Ahead(ct: cancel.Token).DisposeEach())
            {
                if (++taken == 3)
                    cancel.Cancel();
            }
        });

        Assert.Equal(3, taken);
        Assert.True(source.Closed);
        Assert.Equal(source.Made.Count, source.Disposed);
    }

    [Fact]
    public void A_depth_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountingSource(1).Batches().Ahead(depth: 0));

    [Fact]
    public void Jobs_prefetch_on_an_accelerator_only_unless_the_environment_says_otherwise()
    {
        var before = Environment.GetEnvironmentVariable(Prefetch.EnvironmentVariable);
        try
        {
            var cuda = new Device(TorchSharp.DeviceType.CUDA);
            Environment.SetEnvironmentVariable(Prefetch.EnvironmentVariable, null);
            Assert.False(Prefetch.Helps(CPU));
            Assert.True(Prefetch.Helps(cuda));
            Environment.SetEnvironmentVariable(Prefetch.EnvironmentVariable, "1");
            Assert.True(Prefetch.Helps(CPU));
            Environment.SetEnvironmentVariable(Prefetch.EnvironmentVariable, "0");
            Assert.False(Prefetch.Helps(cuda));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Prefetch.EnvironmentVariable, before);
        }
    }

    [Fact]
    public void Training_on_a_prefetched_stream_gives_bit_identical_losses_and_weights()
    {
        using var digits = DatasetCatalog.Load("digits", "data");
        using var train = digits.Train.Subset("train", [.. Enumerable.Range(0, 320).Select(i => (long)i)]);
        var loader = new BatchLoader(train, 32, shuffle: true, augment: true, imageSize: 12, seed: 5);
        using var direct = new SmallCnn(digits.NumClasses);
        using var prefetched = ModelCopy.Clone(direct, () => new SmallCnn(digits.NumClasses));

        var directLosses = TrainTwoEpochs(direct, epoch => loader.Epoch(epoch).DisposeEach());
        var prefetchedLosses = TrainTwoEpochs(prefetched, epoch => loader.Epoch(epoch).Ahead().DisposeEach());

        Assert.Equal(20, directLosses.Count);
        Assert.Equal(directLosses, prefetchedLosses); // exact doubles, step by step
        var after = prefetched.state_dict();
        foreach (var (name, value) in direct.state_dict())
            Assert.True(value.eq(after[name]).all().item<bool>(), $"{name} differs");
    }

    static List<double> TrainTwoEpochs(SmallCnn model, Func<int, IEnumerable<(Tensor Images, Tensor Labels)>> epochs)
    {
        using var optimizer = OptimizerFactory.CreateSgd(model, SgdSettings.SingleLr(0.05));
        var losses = new List<double>();
        for (var epoch = 1; epoch <= 2; epoch++)
            Trainer.TrainEpoch(model, optimizer, epochs(epoch), BnMode.Train, epoch, step => losses.Add(step.Loss));
        return losses;
    }
}
