using System.Text.Json;
using Daft.GpuNode.BatchNorm;
using Daft.GpuNode.Training;
using Daft.Shared.Specs;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Training;

/// <summary>
/// 12 SGD steps (3 epochs of 4 batches, cosine stepped per epoch) of DAFT and LP-FT from the deterministic resnet18,
/// against the same steps in PyTorch (tools/fixtures/make_training_fixtures.py, Fixtures/training).
/// </summary>
public class TrainingParityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("daft")]
    [InlineData("lpft")]
    public void Sgd_steps_match_pytorch(string method)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestSetup.Fixtures, "training", "resnet18.json")));
        var reference = json.RootElement.GetProperty(method);
        var epochs = json.RootElement.GetProperty("epochs").GetInt32();
        var tensors = ParityFixture.Load("training/resnet18.safetensors");
        var images = ParityFixture.Indexed(ParityFixture.Load("bn/resnet18.safetensors"), "target").Select(ParityFixture.Images).ToList();
        var batches = images.Zip(ParityFixture.Indexed(tensors, "labels")).ToList();
        using var net = ParityFixture.Model("resnet18");
        var lr = reference.GetProperty("lr").GetDouble();
        SgdSettings settings;
        BnMode mode;
        if (method == "daft")
        {
            BatchNormConversion.ConvertBn(net, images);
            HeadInit.Zero(net);
            (settings, mode) = (new SgdSettings(lr, reference.GetProperty("head_lr").GetDouble()), BnMode.Train);
        }
        else
        {
            HeadInit.Load(net, tensors["lp_head.weight"], tensors["lp_head.bias"]);
            (settings, mode) = (SgdSettings.SingleLr(lr), BnMode.Eval);
        }
        using var sgd = OptimizerFactory.CreateSgd(net, settings);
        var schedule = new CosineSchedule(sgd, epochs);
        var steps = new List<StepInfo>();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            Trainer.TrainEpoch(net, sgd, batches, mode, epoch, steps.Add);
            schedule.Step();
        }

        var expected = reference.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(expected.Count, steps.Count);
        var lossDiffs = steps.Zip(expected, (s, e) => Math.Abs(s.Loss - e.GetProperty("loss").GetDouble())).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            var rates = expected[i].GetProperty("lr").EnumerateArray().Select(r => r.GetDouble()).ToList();
            Assert.Equal(rates[0], steps[i].LearningRates[0], 1e-15);
            Assert.Equal(rates[1], steps[i].LearningRates[1], 1e-14);
        }
        var state = net.state_dict();
        var finalRelative = tensors.Where(kv => kv.Key.StartsWith($"{method}.final.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[$"{method}.final.".Length..], kv => ParityFixture.MaxRelative(state[kv.Key[$"{method}.final.".Length..]], kv.Value));
        var normRelative = reference.GetProperty("final_norms").EnumerateObject()
            .Select(p => Math.Abs(state[p.Name].to(float64).norm().item<double>() - p.Value.GetDouble()) / Math.Max(p.Value.GetDouble(), 1e-30))
            .Max();
        output.WriteLine($"{method}: per-step |Δloss| {string.Join(" ", lossDiffs.Select(d => d.ToString("0.0e0")))}; max {lossDiffs.Max():g3}");
        output.WriteLine($"{method}: final tensors max |Δ|/max|x|: {string.Join(", ", finalRelative.Select(kv => $"{kv.Key} {kv.Value:g2}"))}; all state-dict norms max rel {normRelative:g3}");
        Assert.True(lossDiffs.Max() <= 1e-4, $"{method}: a step's loss differs from PyTorch's by {lossDiffs.Max():g3}");
        Assert.All(finalRelative, kv => Assert.True(kv.Value <= 1e-4, $"{method}: {kv.Key} differs from PyTorch's by {kv.Value:g3} relative"));
        Assert.True(normRelative <= 1e-4, $"{method}: a state-dict norm differs from PyTorch's by {normRelative:g3} relative");
    }
}
