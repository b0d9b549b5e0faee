using Daft.GpuNode.Models;
using Daft.GpuNode.Weights;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Models;

public class SmallCnnAndRegistryTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(28)]
    [InlineData(32)]
    public void SmallCnn_handles_digit_sized_inputs(int size)
    {
        using var model = new SmallCnn(numClasses: 10);
        using var scope = NewDisposeScope();
        var features = model.Features(rand(2, 3, size, size));
        Assert.Equal([2L, 128L], features.shape);
        Assert.True(features.isfinite().all().item<bool>());
        Assert.Equal([2L, 10L], model.call(rand(2, 3, size, size)).shape);
    }

    [Fact]
    public void SmallCnn_has_named_batchnorm_layers_and_no_normalisation_state()
    {
        using var model = new SmallCnn(numClasses: 10);
        Assert.Equal(["bn1", "bn2", "bn3"], model.named_modules().Where(m => m.module is BatchNorm2d).Select(m => m.name));
        Assert.Equal(
            ["conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
             "conv2.weight", "bn2.weight", "bn2.bias", "bn2.running_mean", "bn2.running_var", "bn2.num_batches_tracked",
             "conv3.weight", "bn3.weight", "bn3.bias", "bn3.running_mean", "bn3.running_var", "bn3.num_batches_tracked",
             "fc.weight", "fc.bias"],
            StateDictOrder.Names(model));
    }

    [Fact]
    public void Registry_builds_every_named_backbone_with_the_requested_head()
    {
        // The large ones are built by the golden tests; this keeps the registry test quick.
        foreach (var name in Backbones.Names.Where(n => n is not ("resnet50" or "clip_rn50")))
        {
            using var model = Backbones.Create(name, numClasses: 5);
            Assert.Equal(5, model.NumClasses);
            Assert.Equal(model.FeatureDim, (int)model.Head.weight!.shape[1]);
        }
        Assert.Equal(["clip_rn50", "resnet18", "resnet18_cifar", "resnet50", "small_cnn"], Backbones.Names.Order());
    }

    [Fact]
    public void Registry_rejects_an_unknown_name_listing_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Backbones.Create("resnet34", 10));
        Assert.Contains("resnet34", error.Message);
        foreach (var name in Backbones.Names)
            Assert.Contains(name, error.Message);
    }
}
