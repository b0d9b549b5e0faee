using Daft.GpuNode.Models;
using Daft.GpuNode.Weights;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Models;

public class ResNetTests
{
    [Fact]
    public void ResNet18_has_torchvisions_parameter_count_and_state_dict_layout()
    {
        using var model = ResNet.ResNet18(numClasses: 10);

        // torchvision.models.resnet18(num_classes=10): 11,181,642 parameters, 122 state-dict entries.
        Assert.Equal(11_181_642, model.parameters().Sum(p => p.numel()));
        var names = StateDictOrder.Names(model);
        Assert.Equal(122, names.Count);
        Assert.Equal(["conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked"], names.Take(6));
        Assert.Contains("layer2.0.downsample.0.weight", names);
        Assert.Contains("layer2.0.downsample.1.running_var", names);
        Assert.Equal(["fc.weight", "fc.bias"], names.TakeLast(2));
        Assert.Equal(512, model.FeatureDim);
    }

    [Fact]
    public void The_cifar_stem_keeps_resnet18s_names_and_a_28x28_image_reaches_layer4_at_4x4()
    {
        using var cifar = ResNet.ResNet18Cifar(numClasses: 10);
        using var torchvision = ResNet.ResNet18(numClasses: 10);

        // 7*7*3*64 - 3*3*3*64 = 7,680 fewer weights in conv1 (kuangliu's CIFAR ResNet18 has 11,173,962).
        Assert.Equal(11_173_962, cifar.parameters().Sum(p => p.numel()));
        Assert.Equal(StateDictOrder.Names(torchvision), StateDictOrder.Names(cifar));
        Assert.Equal([64L, 3, 3, 3], cifar.state_dict()["conv1.weight"].shape);
        var layer4 = (Sequential)cifar.named_children().First(c => c.name == "layer4").module;
        long[] layer4Shape = [];
        var hook = layer4.register_forward_hook((_, _, output) => { layer4Shape = output.shape; return output; });
        using var images = rand(2, 3, 28, 28);
        using var _ = no_grad();
        cifar.eval();
        using var features = cifar.Features(images);
        Assert.Equal([2L, 512], features.shape);
        hook.remove();
        Assert.Equal([2L, 512, 4, 4], layer4Shape); // 28 -> 28 (no stride, no pool) -> 14 -> 7 -> 4
        using var created = Backbones.Create("resnet18_cifar", 10);
        Assert.IsType<ResNet>(created);
    }

    [Fact]
    public void ResNet50_puts_the_stride_on_the_3x3_conv_and_has_2048_features()
    {
        using var model = ResNet.ResNet50(numClasses: 1000);

        Assert.Equal(25_557_032, model.parameters().Sum(p => p.numel())); // torchvision resnet50()
        var convs = model.named_modules().Where(m => m.module is Conv2d).ToDictionary(m => m.name, m => (Conv2d)m.module);
        Assert.Equal([2L, 2L], convs["layer2.0.conv2"].stride);
        Assert.Equal([1L, 1L], convs["layer2.0.conv1"].stride);
        Assert.Equal([2L, 2L], convs["layer2.0.downsample.0"].stride);
        Assert.Equal(2048, model.FeatureDim);
    }

    [Fact]
    public void Normalisation_constants_are_not_in_the_state_dict()
    {
        using var model = ResNet.ResNet18(numClasses: 2);
        Assert.DoesNotContain(model.state_dict().Keys, k => k.StartsWith("normalize", StringComparison.Ordinal));
        var normalize = model.named_modules().Select(m => m.module).OfType<PixelNormalization>().Single();
        Assert.Equal([0.485f, 0.456f, 0.406f], normalize.Mean);
        Assert.Equal([0.228f, 0.224f, 0.225f], normalize.Std); // DAFT's 0.228, not torchvision's 0.229
    }

    [Fact]
    public void Forward_gives_features_and_logits_of_the_right_shape()
    {
        using var model = ResNet.ResNet18(numClasses: 7);
        model.eval();
        using var scope = NewDisposeScope();
        var images = rand(2, 3, 64, 64);
        Assert.Equal([2L, 512L], model.Features(images).shape);
        Assert.Equal([2L, 7L], model.call(images).shape);
    }

    [Fact]
    public void Init_follows_torchvision_kaiming_fan_out_and_unit_batchnorm()
    {
        using var model = ResNet.ResNet18(numClasses: 10);
        var conv = model.named_modules().Where(m => m.name == "layer4.0.conv2").Select(m => (Conv2d)m.module).Single();
        // kaiming_normal_(fan_out, relu): std = sqrt(2 / (512 * 3 * 3)) = 0.02083.
        Assert.InRange(conv.weight!.std().item<float>(), 0.0200, 0.0217);
        var bn = model.named_modules().Where(m => m.name == "layer1.0.bn1").Select(m => (BatchNorm2d)m.module).Single();
        Assert.True(bn.weight!.eq(1).all().item<bool>() && bn.bias!.eq(0).all().item<bool>());
    }

    [Fact]
    public void Every_batchnorm_pre_hook_fires_in_a_forward_pass()
    {
        using var model = ResNet.ResNet18(numClasses: 3);
        var bns = model.named_modules().Select(m => m.module).OfType<BatchNorm2d>().ToList();
        var fired = 0;
        var removers = bns.Select(bn => bn.register_forward_pre_hook((_, input) => { fired++; return input; })).ToList();
        using (var scope = NewDisposeScope())
            model.call(rand(1, 3, 32, 32));
        Assert.Equal(20, bns.Count);
        Assert.Equal(20, fired);
        removers.ForEach(r => r.remove());
    }

    [Fact]
    public void ReplaceHead_swaps_fc_and_checks_its_width()
    {
        using var model = ResNet.ResNet18(numClasses: 10);
        model.ReplaceHead(nn.Linear(512, 4));
        Assert.Equal(4, model.NumClasses);
        Assert.Equal([4L, 512L], model.state_dict()["fc.weight"].shape);
        Assert.Equal(["fc.bias", "fc.weight"], model.HeadParameters().Select(p => p.Name).Order());
        Assert.Throws<ArgumentException>(() => model.ReplaceHead(nn.Linear(256, 4)));
    }
}
