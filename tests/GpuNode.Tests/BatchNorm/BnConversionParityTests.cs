using Daft.GpuNode.BatchNorm;
using Daft.GpuNode.Tests.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.BatchNorm;

/// <summary>
/// BN conversion against the DAFT README's <c>convert_bn_params</c> run by tools/fixtures/make_training_fixtures.py
/// on the same deterministic weights and target batches (Fixtures/bn).
/// </summary>
public class BnConversionParityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("resnet18")]
    [InlineData("small_cnn")]
    public void Conversion_matches_convert_bn_params_and_keeps_the_logits(string backbone)
    {
        var fixture = ParityFixture.Load($"bn/{backbone}.safetensors");
        using var net = ParityFixture.Model(backbone);
        var targets = ParityFixture.Indexed(fixture, "target").Select(ParityFixture.Images).ToList();
        var test = ParityFixture.Images(fixture["test.images"]);
        net.eval();
        Tensor before, after;
        using (no_grad())
            before = net.call(test);

        var statistics = BatchNormConversion.CollectStatistics(net, targets);
        BatchNormConversion.Convert(net, statistics);
        using (no_grad())
            after = net.call(test);

        var layers = BatchNormConversion.FindLayers(net);
        Assert.True(layers.Count > 0);
        double worstStat = 0, worstParam = 0, worstParamElement = 0;
        foreach (var (name, bn) in layers)
        {
            worstStat = new[] { worstStat,
                ParityFixture.MaxRelative(statistics[name].Mean, fixture[$"{name}.target_mean"]),
                ParityFixture.MaxRelative(statistics[name].Var, fixture[$"{name}.target_var"]) }.Max();
            foreach (var (key, actual) in new[] { ("weight", bn.weight), ("bias", bn.bias!), ("running_mean", bn.running_mean!), ("running_var", bn.running_var!) })
            {
                var expected = fixture[$"{name}.{key}"];
                var relative = ParityFixture.MaxRelative(actual, expected);
                worstParam = Math.Max(worstParam, relative);
                worstParamElement = Math.Max(worstParamElement, ParityFixture.MaxElementRelative(actual, expected));
                Assert.True(relative <= 1e-5, $"{backbone} {name}.{key}: max |Δ|/max|x| = {relative:g3}");
            }
        }
        var unchanged = ParityFixture.MaxAbs(after, before);
        var beforeVsTorch = ParityFixture.MaxAbs(before, fixture["logits.before"]);
        var afterVsTorch = ParityFixture.MaxAbs(after, fixture["logits.after"]);
        output.WriteLine($"{backbone}: {layers.Count} BN layers; target stats max rel {worstStat:g3}; converted γ/β/μ/σ² max rel (tensor scale) {worstParam:g3}, " +
            $"elementwise (|x| floored at 1e-3) {worstParamElement:g3}; logits: after vs before {unchanged:g3}, before vs torch {beforeVsTorch:g3}, after vs torch {afterVsTorch:g3} (max |logit| {before.abs().max().item<float>():g3})");
        Assert.True(worstStat <= 1e-5, $"target statistics differ from the reference by {worstStat:g3} relative");
        Assert.True(unchanged <= 1e-5, $"conversion moved the eval logits by {unchanged:g3}");
        Assert.True(afterVsTorch <= 1e-5, $"converted logits differ from PyTorch's by {afterVsTorch:g3}");
    }
}
