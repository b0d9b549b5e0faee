using System.Text.Json;
using Daft.GpuNode.Adaptation;
using Daft.GpuNode.Tests.Training;
using Daft.Shared.Specs;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Adaptation;

/// <summary>
/// Three DANN steps (λ and the learning rate on the paper's schedules, SGD momentum 0.9) of a tiny feature extractor,
/// label classifier and <see cref="DomainClassifier"/>, against the tutorial's step in PyTorch
/// (tools/fixtures/make_dann_fixtures.py, Fixtures/dann): losses, accuracies and every state-dict entry after each step,
/// for the tutorial's separate passes and for the joint forward (one pass over source and target stacked).
/// </summary>
public class DannStepParityTests(ITestOutputHelper output)
{
    const double Tolerance = 1e-5;

    [Theory]
    [InlineData(DannForward.Separate, "steps", "step")]
    [InlineData(DannForward.Joint, "joint_steps", "joint.step")]
    public void Dann_steps_match_pytorch(DannForward forward, string stepsKey, string statePrefix)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestSetup.Fixtures, "dann", "tiny.json")));
        var root = json.RootElement;
        var expectedSteps = root.GetProperty(stepsKey).EnumerateArray().ToList();
        var tensors = ParityFixture.Load("dann/tiny.safetensors");
        var modules = new Dictionary<string, Sequential>
        {
            ["feature_extractor"] = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.MaxPool2d(2), nn.ReLU(inplace: true), nn.Flatten()),
            ["class_classifier"] = nn.Sequential(nn.Linear(36, 16), nn.BatchNorm1d(16), nn.ReLU(inplace: true), nn.Linear(16, 5)),
            ["domain_classifier"] = DomainClassifier.Create(36),
        };
        foreach (var (name, module) in modules)
            Load(module, tensors, $"init.{name}");
        var lr0 = root.GetProperty("lr0").GetDouble();
        using var sgd = optim.SGD(modules.Values.SelectMany(m => m.parameters()), lr0, momentum: root.GetProperty("momentum").GetDouble());

        var maxParameterDiff = 0.0;
        var maxLossDiff = 0.0;
        for (var i = 0; i < expectedSteps.Count; i++)
        {
            var expected = expectedSteps[i];
            var p = DannSchedule.Progress(i, expectedSteps.Count);
            var lambda = DannSchedule.Lambda(p);
            var lr = DannSchedule.LearningRate(lr0, p);
            Assert.Equal(expected.GetProperty("lambda").GetDouble(), lambda, 1e-15);
            Assert.Equal(expected.GetProperty("lr").GetDouble(), lr, 1e-15);
            foreach (var group in sgd.ParamGroups)
                group.LearningRate = lr;

            var result = DannStep.Run(modules["feature_extractor"], modules["class_classifier"], modules["domain_classifier"], sgd,
                tensors[$"source.images.{i}"], tensors[$"source.labels.{i}"], tensors[$"target.images.{i}"], lambda, forward);

            Assert.False(result.LossWasNaN);
            Assert.Equal(tensors[$"source.labels.{i}"].shape[0], result.SourceSamples);
            Assert.Equal(tensors[$"target.images.{i}"].shape[0], result.TargetSamples);
            var losses = new[]
            {
                ("label_loss", result.LabelLoss), ("source_domain_loss", result.SourceDomainLoss),
                ("target_domain_loss", result.TargetDomainLoss), ("total_loss", result.TotalLoss),
            };
            foreach (var (key, value) in losses)
            {
                var diff = Math.Abs(value - expected.GetProperty(key).GetDouble());
                maxLossDiff = Math.Max(maxLossDiff, diff);
                Assert.True(diff <= Tolerance, $"step {i + 1}: {key} {value} vs PyTorch's {expected.GetProperty(key).GetDouble()}");
            }
            Assert.Equal(expected.GetProperty("label_accuracy").GetDouble(), result.LabelAccuracy, 1e-12);
            Assert.Equal(expected.GetProperty("source_domain_accuracy").GetDouble(), result.SourceDomainAccuracy, 1e-12);
            Assert.Equal(expected.GetProperty("target_domain_accuracy").GetDouble(), result.TargetDomainAccuracy, 1e-12);

            foreach (var (name, module) in modules)
                foreach (var (key, value) in module.state_dict())
                {
                    var reference = tensors[$"{statePrefix}{i + 1}.{name}.{key}"];
                    if (value.dtype == ScalarType.Int64)
                    {
                        Assert.True(value.equal(reference).all().item<bool>(), $"step {i + 1}: {name}.{key}");
                        continue;
                    }
                    var diff = ParityFixture.MaxAbs(value, reference);
                    maxParameterDiff = Math.Max(maxParameterDiff, diff);
                    Assert.True(diff <= Tolerance, $"step {i + 1}: {name}.{key} differs from PyTorch's by {diff:g3}");
                }
        }
        output.WriteLine($"{expectedSteps.Count} DANN steps ({forward}): max |Δloss| {maxLossDiff:g3}, max |Δ| over every state-dict entry {maxParameterDiff:g3}");
    }

    [Fact]
    public void The_domain_classifier_has_pytorchs_state_dict_names()
    {
        using var head = DomainClassifier.Create(36);
        var tensors = ParityFixture.Load("dann/tiny.safetensors");
        var expected = tensors.Keys.Where(k => k.StartsWith("init.domain_classifier.", StringComparison.Ordinal))
            .Select(k => k["init.domain_classifier.".Length..]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, head.state_dict().Keys.Order(StringComparer.Ordinal));
        Assert.Equal([100, 36], head.state_dict()["0.weight"].shape);
        Assert.Equal([2, 100], head.state_dict()["3.weight"].shape);
    }

    static void Load(Sequential module, Dictionary<string, Tensor> tensors, string prefix)
    {
        var expected = tensors.Keys.Where(k => k.StartsWith(prefix + ".", StringComparison.Ordinal)).Select(k => k[(prefix.Length + 1)..]).ToHashSet();
        var state = module.state_dict();
        Assert.True(expected.SetEquals(state.Keys), $"{prefix}: PyTorch has [{string.Join(", ", expected.Order())}], TorchSharp [{string.Join(", ", state.Keys.Order())}]");
        using var _ = no_grad();
        foreach (var (key, value) in state)
            value.copy_(tensors[$"{prefix}.{key}"]);
    }
}
