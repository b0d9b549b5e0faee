using Daft.GpuNode.Data;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Data;

public class BatchLoaderTests
{
    const int Side = 4;

    /// <summary>Image i has pixel (y, x, c) = 20 i + x and label i % 3, so a batch row tells which image it is
    /// (column 0 holds 20 i) and whether it was mirrored (column 0 then holds 20 i + 3).</summary>
    static ImageSet Numbered(int count)
    {
        var pixels = new byte[count * Side * Side * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            var image = i / (Side * Side * 3);
            var x = i / 3 % Side;
            pixels[i] = (byte)(image * 20 % 240 + x);
        }
        var labels = Enumerable.Range(0, count).Select(i => (long)(i % 3)).ToArray();
        return new ImageSet("numbered", tensor(pixels, [count, Side, Side, 3]), tensor(labels), 3);
    }

    /// <summary>(image index mod 12, mirrored) of each row, read back from pixel (0, 0) of channel 0.</summary>
    static List<(int Image, bool Mirrored)> Decode(Tensor images)
    {
        using var corner = (images[.., 0, 0, 0] * 255).round();
        return [.. corner.data<float>().ToArray().Select(v => ((int)v / 20, (int)v % 20 == Side - 1))];
    }

    static List<(long[] Labels, List<(int Image, bool Mirrored)> Rows)> Run(BatchLoader loader, int epoch)
    {
        var batches = new List<(long[], List<(int Image, bool Mirrored)>)>();
        foreach (var (images, labels) in loader.Epoch(epoch))
        {
            batches.Add((labels.data<long>().ToArray(), Decode(images)));
            images.Dispose();
            labels.Dispose();
        }
        return batches;
    }

    [Fact]
    public void The_same_seed_and_epoch_give_identical_batches()
    {
        using var set = Numbered(10);
        var first = new BatchLoader(set, 4, shuffle: true, augment: true, imageSize: 7, seed: 42);
        var second = new BatchLoader(set, 4, shuffle: true, augment: true, imageSize: 7, seed: 42);

        foreach (var ((a, la), (b, lb)) in first.Epoch(3).Zip(second.Epoch(3)))
        {
            Assert.True(a.equal(b).all().item<bool>());
            Assert.True(la.equal(lb).all().item<bool>());
            foreach (var t in new[] { a, b, la, lb })
                t.Dispose();
        }
    }

    [Fact]
    public void Naming_a_device_gives_the_same_batches_there()
    {
        using var set = Numbered(6);
        var plain = new BatchLoader(set, 4, shuffle: true, augment: true, imageSize: 6, seed: 9);
        var onCpu = new BatchLoader(set, 4, shuffle: true, augment: true, imageSize: 6, seed: 9, device: CPU);

        foreach (var ((a, la), (b, lb)) in plain.Epoch(0).Zip(onCpu.Epoch(0)))
        {
            Assert.Equal(TorchSharp.DeviceType.CPU, b.device_type);
            Assert.True(a.equal(b).all().item<bool>() && la.equal(lb).all().item<bool>());
            foreach (var t in new[] { a, b, la, lb })
                t.Dispose();
        }
    }

    [Fact]
    public void Each_epoch_visits_every_image_once_in_a_new_order()
    {
        using var set = Numbered(12);
        var loader = new BatchLoader(set, 5, shuffle: true, augment: false, imageSize: null, seed: 7);

        var orders = new List<int[]>();
        for (var epoch = 0; epoch < 3; epoch++)
        {
            var batches = Run(loader, epoch);
            var rows = batches.SelectMany(b => b.Rows).ToList();
            Assert.Equal(Enumerable.Range(0, 12), rows.Select(r => r.Image).Order());
            Assert.Equal(rows.Select(r => (long)(r.Image % 3)), batches.SelectMany(b => b.Labels));
            Assert.Equal(loader.Order(epoch), rows.Select(r => r.Image));
            orders.Add([.. rows.Select(r => r.Image)]);
        }
        Assert.NotEqual(orders[0], orders[1]);
        Assert.NotEqual(orders[1], orders[2]);
        Assert.NotEqual(Enumerable.Range(0, 12), orders[0]);
    }

    [Fact]
    public void The_shuffle_is_pinned_so_recorded_runs_stay_reproducible()
    {
        // SplitMix64 keyed by (seed, epoch): pure integer arithmetic, the same in every process and thread count.
        // The pinned orders were computed by an independent 20-line Python port of EpochRandom. If they change,
        // every recorded job's batches change.
        Assert.Equal([3, 0, 5, 2, 4, 7, 1, 6, 9, 8], EpochRandom.Permutation(seed: 0, epoch: 0, count: 10));
        Assert.Equal([4, 8, 1, 3, 2, 0, 5, 7, 9, 6], EpochRandom.Permutation(seed: 1234, epoch: 5, count: 10));
        Assert.Equal(EpochRandom.Permutation(1234, 5, 1000), EpochRandom.Permutation(1234, 5, 1000));
        Assert.NotEqual(EpochRandom.Permutation(1234, 5, 1000), EpochRandom.Permutation(1235, 5, 1000));
    }

    [Fact]
    public void Augmenting_mirrors_about_half_the_images_as_the_epoch_coins_say()
    {
        using var set = Numbered(1000);
        var loader = new BatchLoader(set, 256, shuffle: true, augment: true, imageSize: null, seed: 11);

        var rows = Run(loader, 0).SelectMany(b => b.Rows).ToList();
        var order = loader.Order(0);
        var coins = loader.Flips(0);

        Assert.Equal(order.Select(i => coins[i]), rows.Select(r => r.Mirrored));
        var mirrored = rows.Count(r => r.Mirrored);
        Assert.InRange(mirrored, 440, 560); // Binomial(1000, 0.5): mean 500, sd 16
        Assert.NotEqual(coins, loader.Flips(1));
    }

    [Fact]
    public void Without_shuffle_or_augment_batches_follow_file_order_unmirrored()
    {
        using var set = Numbered(10);

        var rows = BatchLoader.Images(set, 3, imageSize: null).SelectMany(b =>
        {
            using var images = b.Images;
            using var labels = b.Labels;
            return Decode(images);
        }).ToList();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (i, false)), rows);
    }

    [Fact]
    public void At_the_native_size_pixels_are_only_scaled()
    {
        using var set = Numbered(6);
        var loader = new BatchLoader(set, 6, shuffle: false, augment: false, imageSize: Side, seed: 0);

        var (images, labels) = loader.Epoch(0).Single();
        using var _ = images;
        using var __ = labels;
        using var expected = set.Images.permute(0, 3, 1, 2).to_type(ScalarType.Float32) / 255;

        Assert.Equal([6L, 3, Side, Side], images.shape);
        Assert.True(images.equal(expected).all().item<bool>());
    }

    [Fact]
    public void Resizing_gives_the_requested_shape_and_values_in_0_1()
    {
        using var set = Numbered(5);
        var loader = new BatchLoader(set, 5, shuffle: true, augment: true, imageSize: 9, seed: 3);

        var (images, labels) = loader.Epoch(0).Single();
        using var _ = images;
        using var __ = labels;
        using var levels = images * 255;

        Assert.Equal([5L, 3, 9, 9], images.shape);
        Assert.Equal(9, loader.ImageSize);
        Assert.True(images.min().item<float>() >= 0 && images.max().item<float>() <= 1);
        Assert.True(levels.sub(levels.round()).abs().max().item<float>() < 1e-4); // whole uint8 levels, as PIL returns
    }

    [Theory]
    [InlineData(false, 3, 10, new[] { 4, 4, 2 })]
    [InlineData(true, 2, 8, new[] { 4, 4 })]
    public void The_last_smaller_batch_is_kept_unless_dropped(bool dropLast, int batchCount, int count, int[] sizes)
    {
        using var set = Numbered(10);
        var loader = new BatchLoader(set, 4, shuffle: true, augment: false, imageSize: null, seed: 1, dropLast);

        var batches = Run(loader, 0);

        Assert.Equal((batchCount, count), (loader.BatchCount, loader.Count));
        Assert.Equal(sizes, batches.Select(b => b.Labels.Length));
    }
}
