using Daft.Datasets.Images;
using Daft.GpuNode.Data;
using Daft.GpuNode.Data.Transforms;
using Daft.Shared.Datasets;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Data.Transforms;

public class BatchPipelineTests
{
    /// <summary>A uint8 NHWC batch whose pixel (n, y, x, c) is (n * 7 + y * 11 + x * 3 + c) mod 256, all distinct enough to locate a crop.</summary>
    static Tensor Batch(int count, int side)
    {
        var values = new byte[count * side * side * 3];
        for (int n = 0, i = 0; n < count; n++)
            for (var y = 0; y < side; y++)
                for (var x = 0; x < side; x++)
                    for (var c = 0; c < 3; c++, i++)
                        values[i] = (byte)((n * 7 + y * 11 + x * 3 + c) % 256);
        return tensor(values, [count, side, side, 3]);
    }

    static Tensor Pixels255(Tensor output) => output.mul(255).round();

    [Theory]
    [InlineData(5, 2, 2)] // int(round(1.5)) = 2: Python rounds half to even
    [InlineData(7, 2, 2)] // round(2.5) = 2
    [InlineData(8, 3, 2)] // round(2.5) = 2
    [InlineData(9, 3, 3)]
    public void Center_crop_offsets_round_as_torchvision_does(int side, int size, int offset)
    {
        Assert.Equal(new CropBox(offset, offset, size, size), CropBoxes.Center(side, side, size));
    }

    [Fact]
    public void Center_crop_cuts_the_middle_and_no_resize_follows_at_the_output_size()
    {
        using var batch = Batch(2, 9);
        var pipeline = BatchPipeline.Of([new CenterCropSpec(3)], 3);

        using var output = Pixels255(pipeline.Apply(batch, [0, 1], null, seed: 0, epoch: 0));

        using var expected = batch.narrow(1, 3, 3).narrow(2, 3, 3).permute(0, 3, 1, 2).to_type(ScalarType.Float32);
        Assert.True(output.equal(expected).all().item<bool>());
    }

    [Fact]
    public void A_random_crop_of_an_image_depends_on_its_row_and_epoch_not_on_its_batch()
    {
        using var batch = Batch(4, 12);
        var pipeline = BatchPipeline.Of([new RandomCropSpec(8, 2)], 8);

        using var together = pipeline.Apply(batch, [10, 11, 12, 13], null, seed: 5, epoch: 3);
        using var alone = pipeline.Apply(batch.narrow(0, 2, 1), [12], null, seed: 5, epoch: 3);
        using var nextEpoch = pipeline.Apply(batch, [10, 11, 12, 13], null, seed: 5, epoch: 4);

        Assert.Equal([4L, 3, 8, 8], together.shape);
        Assert.True(together[2].equal(alone[0]).all().item<bool>());
        Assert.False(together.equal(nextEpoch).all().item<bool>());
    }

    [Fact]
    public void Random_crop_windows_stay_inside_the_padded_image()
    {
        for (var row = 0; row < 500; row++)
        {
            var box = CropBoxes.Random(16, 16, 12, new EpochRandom(1, 0, EpochRandom.Purpose.Crop, row));
            Assert.InRange(box.Top, 0, 4);
            Assert.InRange(box.Left, 0, 4);
        }
    }

    [Fact]
    public void Random_resized_crop_boxes_keep_the_area_and_ratio_ranges_or_fall_back_to_the_centre()
    {
        var spec = new RandomResizedCropSpec(8, 0.08, 1.0, 3.0 / 4, 4.0 / 3, Interpolation.Bilinear);
        for (var row = 0; row < 1000; row++)
        {
            var box = CropBoxes.ResizedCrop(60, 40, spec, new EpochRandom(2, 1, EpochRandom.Purpose.Crop, row));
            Assert.InRange(box.Top, 0, 60 - box.Height);
            Assert.InRange(box.Left, 0, 40 - box.Width);
            var area = (double)box.Height * box.Width / (60 * 40);
            Assert.InRange(area, 0.07, 1.0); // rounding the sides moves the area a little below 0.08 at most
        }
        // A ratio range no 60x40 window can meet (4 to 5 wide per high) falls back to the widest window at ratio 4.
        var impossible = spec with { ScaleMin = 1, ScaleMax = 1, RatioMin = 4, RatioMax = 5 };
        Assert.Equal(new CropBox(25, 0, 10, 40), CropBoxes.ResizedCrop(60, 40, impossible, new EpochRandom(0, 0, EpochRandom.Purpose.Crop)));
    }

    [Fact]
    public void A_full_random_resized_crop_is_the_plain_resize()
    {
        using var batch = Batch(2, 10);
        var crop = BatchPipeline.Of([new RandomResizedCropSpec(6, 1, 1, 1, 1, Interpolation.Bilinear)], 6);
        var resize = BatchPipeline.Of([new ResizeSpec(6, false, Interpolation.Bilinear)], 6);

        using var cropped = crop.Apply(batch, [0, 1], null, 0, 0);
        using var resized = resize.Apply(batch, [0, 1], null, 0, 0);

        Assert.True(cropped.equal(resized).all().item<bool>());
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 40)]
    public void Flip_probability_zero_never_flips_and_one_always_does(double p, int flipped)
    {
        Assert.Equal(flipped, EpochRandom.Coins(3, 0, 40, p).Count(c => c));
    }

    [Fact]
    public void Fair_coins_are_the_ones_the_loader_always_drew()
    {
        Assert.Equal(EpochRandom.Coins(9, 2, 100), EpochRandom.Coins(9, 2, 100, 0.5));
        var random = new EpochRandom(9, 2, EpochRandom.Purpose.Flip);
        Assert.Equal(Enumerable.Range(0, 100).Select(_ => random.NextBool()), EpochRandom.Coins(9, 2, 100));
    }

    [Fact]
    public void A_job_image_size_scales_every_size_of_the_dataset_lists()
    {
        var config = DatasetConfigs.Parse("""
            name: scaled
            classes: 2
            image_size: 224
            train: {reader: image_folder, path: a}
            id_val: {reader: image_folder, path: b}
            transforms:
              train: [resize: {size: [256, 256], interpolation: bicubic}, random_crop: 224, horizontal_flip]
              eval: [resize: 256, center_crop: 224]
            """, "scaled.yaml");

        var train = BatchPipeline.For(config, train: true, augment: true, imageSize: 112);
        var unaugmented = BatchPipeline.For(config, train: true, augment: false, imageSize: 112);

        Assert.Equal(112, train.OutputSize);
        Assert.Equal<TransformSpec>([new ResizeSpec(128, true, Interpolation.Bicubic), new RandomCropSpec(112, 0), new HorizontalFlipSpec(0.5)], train.Steps);
        Assert.Equal<TransformSpec>([new ResizeSpec(128, false, Interpolation.Bilinear), new CenterCropSpec(112)], unaugmented.Steps);
        using var batch = Batch(3, 40);
        using var output = train.Apply(batch, [0, 1, 2], EpochRandom.Coins(0, 0, 3), 0, 0);
        Assert.Equal([3L, 3, 112, 112], output.shape);
    }

    [Fact]
    public void Steps_that_leave_another_size_are_followed_by_a_bilinear_resize_to_the_output()
    {
        using var batch = Batch(2, 8);
        var pipeline = BatchPipeline.Of([new CenterCropSpec(6)], 12);

        using var output = pipeline.Apply(batch, [0, 1], null, 0, 0);

        Assert.Equal([2L, 3, 12, 12], output.shape);
    }

    [Theory]
    [InlineData(8, 20)] // not a whole factor: the per-image PIL path (torch's kernel is off on ~3% of values here)
    [InlineData(8, 32)] // a whole factor: the batched fast path, which gives the same bytes
    public void Cpu_batches_are_resized_to_PILs_bytes_at_any_scale(int native, int size)
    {
        // Random pixels: a smooth ramp interpolates to exact values and hides rounding differences.
        var values = new byte[3 * native * native * 3];
        new Random(7).NextBytes(values);
        using var batch = tensor(values, [3, native, native, 3]);
        var pipeline = BatchPipeline.Of([], size);

        using var output = Pixels255(pipeline.Apply(batch, [0, 1, 2], null, seed: 0, epoch: 0));

        for (var n = 0; n < 3; n++)
        {
            using var image = batch[n].contiguous();
            var expected = PilResample.Resize(new RgbPixels(native, native, image.bytes.ToArray()), size, size, Interpolation.Bilinear);
            using var actual = output[n].permute(1, 2, 0).to_type(ScalarType.Byte).contiguous();
            Assert.Equal(expected.Data, actual.bytes.ToArray());
        }
    }
}
