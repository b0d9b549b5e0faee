using Daft.GpuNode.Data;
using Daft.GpuNode.Weights;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Data;

/// <summary>Against torchvision 0.14 <c>Resize(S)</c> + <c>ToTensor()</c> on PIL 9.4 images
/// (tools/fixtures/make_data_fixtures.py).</summary>
public sealed class BatchTransformsTests : IDisposable
{
    readonly Dictionary<string, Tensor> _fixture = SafeTensors.Load(Path.Combine(TestSetup.Fixtures, "data", "resize.safetensors"));

    public void Dispose()
    {
        foreach (var tensor in _fixture.Values)
            tensor.Dispose();
    }

    /// <summary>What ToTensor() makes of the reference's uint8 HWC output.</summary>
    static Tensor Reference(Tensor uint8Nhwc) => uint8Nhwc.permute(0, 3, 1, 2).to_type(ScalarType.Float32).div(255.0);

    [Theory]
    [InlineData("cifar_like", "cifar_like_224", 224)] // CIFAR-10's Resize(224)
    [InlineData("digits_8", "digits_32", 32)]
    public void Enlarging_matches_torchvision_resize_exactly(string input, string expected, int size)
    {
        using var scope = NewDisposeScope();

        var images = BatchTransforms.Prepare(_fixture[input], size);

        Assert.Equal([_fixture[input].shape[0], 3, size, size], images.shape);
        Assert.True(images.is_contiguous());
        Assert.Equal(0.0, (images - Reference(_fixture[expected])).abs().max().item<float>());
    }

    [Fact]
    public void Shrinking_antialiases_like_torchvision_within_one_level_on_few_pixels()
    {
        using var scope = NewDisposeScope();

        var images = BatchTransforms.Prepare(_fixture["cifar_like"], 20);

        var difference = (images - Reference(_fixture["cifar_like_20"])).abs();
        Assert.True(difference.max().item<float>() <= 1.0f / 255 + 1e-6f);
        // Without antialiasing about 75% of pixels differ, by up to 90 levels; with it, under 2% by one level.
        Assert.True(difference.gt(1e-6).sum().item<long>() < 0.02 * difference.numel());
    }

    [Fact]
    public void At_the_native_size_nothing_is_resized_only_scaled_to_0_1()
    {
        using var scope = NewDisposeScope();
        var input = _fixture["cifar_like"];

        var images = BatchTransforms.Prepare(input, 32);

        Assert.Equal([3L, 3, 32, 32], images.shape);
        Assert.Equal(ScalarType.Float32, images.dtype);
        Assert.True(images.equal(Reference(input)).all().item<bool>());
    }

    [Fact]
    public void Only_the_listed_rows_are_mirrored()
    {
        using var scope = NewDisposeScope();
        var input = _fixture["cifar_like"];

        var images = BatchTransforms.Prepare(input, null, rowsToFlip: tensor(new long[] { 1 }));

        var plain = Reference(input);
        Assert.True(images[0].equal(plain[0]).all().item<bool>());
        Assert.True(images[1].equal(plain[1].flip(2)).all().item<bool>());
        Assert.False(images[1].equal(plain[1]).all().item<bool>());
        Assert.True(images[2].equal(plain[2]).all().item<bool>());
    }

    [Theory]
    [InlineData(224)]
    [InlineData(33)] // a size where mirroring before the resize would not be exact
    [InlineData(20)]
    public void Mirrored_rows_equal_resizing_then_mirroring(int size)
    {
        using var scope = NewDisposeScope();
        var input = _fixture["cifar_like"];

        var images = BatchTransforms.Prepare(input, size, rowsToFlip: tensor(new long[] { 0, 2 }));

        using var pixels = input.permute(0, 3, 1, 2).to_type(ScalarType.Float32);
        var resized = BatchTransforms.Resize(pixels, size).div_(255.0);
        Assert.True(images[0].equal(resized[0].flip(2)).all().item<bool>());
        Assert.True(images[1].equal(resized[1]).all().item<bool>());
        Assert.True(images[2].equal(resized[2].flip(2)).all().item<bool>());
    }

    [Fact]
    public void The_input_batch_is_left_untouched()
    {
        using var scope = NewDisposeScope();
        var input = _fixture["cifar_like"];
        var before = input.clone();

        BatchTransforms.Prepare(input, null, rowsToFlip: tensor(new long[] { 0, 1, 2 }));

        Assert.True(input.equal(before).all().item<bool>());
    }

    [Fact]
    public void A_batch_that_is_not_uint8_hwc_rgb_is_rejected()
    {
        using var floats = zeros(2, 8, 8, 3);
        using var chw = zeros([2, 3, 8, 8], ScalarType.Byte);

        Assert.Throws<ArgumentException>(() => BatchTransforms.Prepare(floats, null));
        var error = Assert.Throws<ArgumentException>(() => BatchTransforms.Prepare(chw, null));
        Assert.Contains("uint8 [N, H, W, 3]", error.Message);
    }
}
