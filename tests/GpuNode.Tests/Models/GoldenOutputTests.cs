using Daft.GpuNode.Models;
using Daft.GpuNode.Tests.Support;
using Daft.GpuNode.Weights;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Models;

/// <summary>
/// Each backbone against its PyTorch reference (torchvision, or tools/fixtures/reference_models.py) on the same
/// deterministic weights: same state-dict names, order and shapes; same features and logits within 1e-5.
/// </summary>
public class GoldenOutputTests(ITestOutputHelper output)
{
    const double Tolerance = 1e-5;

    /// <summary>The C# model of each fixture (the reduced CLIP instance of make_model_fixtures.py for clip_rn50).</summary>
    static ClassifierNetwork Build(string name) => name switch
    {
        "clip_rn50" => new ClipResNet(10, layers: [2, 1, 1, 2], width: 8, outputDim: 64, heads: 2, inputResolution: 64),
        _ => Backbones.Create(name, numClasses: 10),
    };

    [Theory]
    [InlineData("resnet18")]
    [InlineData("resnet50")]
    [InlineData("clip_rn50")]
    [InlineData("small_cnn")]
    public void Eval_features_and_logits_match_the_PyTorch_reference(string name)
    {
        using var fixture = ModelFixture.Load(name);
        using var model = Build(name);
        fixture.AssertSameStateDictLayout(model);
        DeterministicWeights.Fill(model);
        AssertSameWeights(fixture, model);
        model.eval();

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var images = fixture.Tensors["input"];
        var features = model.Features(images);
        var logits = model.call(images);

        var featureDiff = ModelFixture.MaxAbsDiff(features, fixture.Tensors["features"]);
        var logitDiff = ModelFixture.MaxAbsDiff(logits, fixture.Tensors["logits"]);
        output.WriteLine($"{name} eval: max |features - reference| = {featureDiff:E2}, max |logits - reference| = {logitDiff:E2}");
        Assert.True(featureDiff <= Tolerance, $"{name}: features differ by {featureDiff:E2}");
        Assert.True(logitDiff <= Tolerance, $"{name}: logits differ by {logitDiff:E2}");
    }

    [Theory]
    [InlineData("resnet18", new[] { "bn1", "layer4.1.bn2" })]
    [InlineData("small_cnn", new[] { "bn1", "bn3" })]
    public void Train_mode_logits_and_running_statistics_match_the_PyTorch_reference(string name, string[] bns)
    {
        using var fixture = ModelFixture.Load(name);
        using var model = Build(name);
        DeterministicWeights.Fill(model);
        model.train();

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var logits = model.call(fixture.Tensors["input"]);
        var worst = ModelFixture.MaxAbsDiff(logits, fixture.Tensors["train.logits"]);
        output.WriteLine($"{name} train: max |logits - reference| = {worst:E2}");
        Assert.True(worst <= Tolerance, $"{name}: train-mode logits differ by {worst:E2}");

        var modules = model.named_modules().ToDictionary(m => m.name, m => m.module);
        foreach (var bnName in bns)
        {
            var bn = (BatchNorm2d)modules[bnName];
            var meanDiff = ModelFixture.MaxAbsDiff(bn.running_mean!, fixture.Tensors[$"train.{bnName}.running_mean"]);
            var varDiff = ModelFixture.MaxAbsDiff(bn.running_var!, fixture.Tensors[$"train.{bnName}.running_var"]);
            output.WriteLine($"{name} train {bnName}: running_mean {meanDiff:E2}, running_var {varDiff:E2}");
            Assert.True(meanDiff <= Tolerance && varDiff <= Tolerance, $"{name}.{bnName}: running stats differ by {meanDiff:E2} / {varDiff:E2}");
            Assert.Equal(fixture.Tensors[$"train.{bnName}.num_batches_tracked"].item<long>(), bn.num_batches_tracked!.item<long>());
        }
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("clip_rn50")]
    [InlineData("small_cnn")]
    public void BatchNorm_pre_hooks_fire_in_the_references_order(string name)
    {
        using var fixture = ModelFixture.Load(name);
        using var model = Build(name);
        var fired = new List<string>();
        var removers = model.named_modules()
            .Where(m => m.module is BatchNorm2d)
            .Select(m => ((BatchNorm2d)m.module).register_forward_pre_hook((_, input) => { fired.Add(m.name); return input; }))
            .ToList();
        model.eval();
        using (var scope = NewDisposeScope())
        using (no_grad())
            model.Features(fixture.Tensors["input"]);
        removers.ForEach(r => r.remove());
        Assert.Equal(fixture.BnCallOrder, fired);
    }

    [Fact]
    public void Full_size_ClipResNet_has_CLIPs_RN50_visual_names_and_shapes()
    {
        using var fixture = ModelFixture.Load("clip_rn50_full");
        using var model = Backbones.Create("clip_rn50", numClasses: 10);
        fixture.AssertSameStateDictLayout(model);
        Assert.Equal(1024, model.FeatureDim);
        Assert.Contains(fixture.Entries, e => e.Name == "attnpool.positional_embedding" && e.Shape.SequenceEqual([50L, 2048L]));
    }

    /// <summary>The C# and Python fills agree entry by entry (sums of float32 values, accumulated in float64).</summary>
    static void AssertSameWeights(ModelFixture fixture, nn.Module model)
    {
        var entries = StateDictOrder.Entries(model);
        for (var k = 0; k < entries.Count; k++)
        {
            var expected = fixture.Entries[k].Sum!.Value;
            var actual = entries[k].Tensor.to(float64).sum().item<double>();
            Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
                $"{fixture.Name}: deterministic weights of {entries[k].Name} sum to {actual} in C#, {expected} in Python.");
        }
    }
}
