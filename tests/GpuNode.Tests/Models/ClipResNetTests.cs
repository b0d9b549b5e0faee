using Daft.GpuNode.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Models;

public class ClipResNetTests
{
    static ClipResNet Small(int classes = 4) => new(classes, layers: [1, 1, 1, 1], width: 8, outputDim: 16, heads: 2, inputResolution: 64);

    [Fact]
    public void Strides_are_anti_aliased_average_pools_not_strided_convs()
    {
        using var model = Small();
        var modules = model.named_modules().ToDictionary(m => m.name, m => m.module);
        Assert.IsType<AvgPool2d>(modules["layer2.0.avgpool"]);
        Assert.IsType<AvgPool2d>(modules["layer2.0.downsample.-1"]);
        Assert.Equal([1L, 1L], ((Conv2d)modules["layer2.0.conv2"]).stride);
        Assert.Equal([1L, 1L], ((Conv2d)modules["layer2.0.downsample.0"]).stride);
        Assert.IsType<Identity>(modules["layer1.0.avgpool"]);
    }

    [Fact]
    public void Attention_pool_gives_output_dim_features_and_every_batchnorm_hook_fires()
    {
        using var model = Small(classes: 3);
        var bns = model.named_modules().Select(m => m.module).OfType<BatchNorm2d>().ToList();
        var fired = 0;
        var removers = bns.Select(bn => bn.register_forward_pre_hook((_, input) => { fired++; return input; })).ToList();
        using (var scope = NewDisposeScope())
        {
            var images = rand(2, 3, 64, 64);
            Assert.Equal([2L, 16L], model.Features(images).shape);
            Assert.Equal([2L, 3L], model.call(images).shape);
        }
        // 3 stem BNs + per block 3 BNs and one in the shortcut, 4 blocks: 3 + 16 = 19, each seen by both calls.
        Assert.Equal(19, bns.Count);
        Assert.Equal(2 * 19, fired);
        removers.ForEach(r => r.remove());
    }

    [Fact]
    public void An_input_of_another_resolution_is_refused_with_the_expected_size()
    {
        using var model = Small();
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => model.Features(rand(1, 3, 96, 96)));
        Assert.Contains("input resolution 64", error.Message);
    }

    [Fact]
    public void Uses_CLIPs_normalisation_and_initialisation()
    {
        using var model = Small();
        var normalize = model.named_modules().Select(m => m.module).OfType<PixelNormalization>().Single();
        Assert.Equal([0.48145466f, 0.4578275f, 0.40821073f], normalize.Mean);
        Assert.Equal([0.26862954f, 0.26130258f, 0.27577711f], normalize.Std);
        var sd = model.state_dict();
        // CLIP zeroes the last BN gamma of every residual block, not the stem's.
        Assert.True(sd["layer3.0.bn3.weight"].eq(0).all().item<bool>());
        Assert.True(sd["bn3.weight"].eq(1).all().item<bool>());
    }
}
