using Daft.GpuNode.Adaptation;
using Daft.GpuNode.Tests.Training;
using Daft.GpuNode.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Adaptation;

public class DannEpochTests
{
    [Fact]
    public void An_epoch_is_its_steps_on_the_schedules_and_stops_at_the_shorter_stream()
    {
        var source = TrainingData.Batches(3);
        var target = TrainingData.Batches(2, batchSize: 5, seed: 4).Select(b => b.Images.add(1)).ToList();
        using var net = new TinyBnNet();
        using var reference = ModelCopy.Clone(net, () => new TinyBnNet());
        using var domain = DomainClassifier.Create(net.FeatureDim, hidden: 8);
        using var referenceDomain = ModelCopy.Clone(domain, () => DomainClassifier.Create(net.FeatureDim, hidden: 8));
        using var sgd = Sgd(net, domain);
        using var referenceSgd = Sgd(reference, referenceDomain);
        const int epoch = 1, epochs = 2, stepsPerEpoch = 2;

        var steps = new List<DannStepResult>();
        var result = DannEpoch.Train(net, domain, sgd, source, target, epoch, epochs, stepsPerEpoch, initialLrs: [0.1, 0.2], onStep: steps.Add);

        var expected = new List<DannStepResult>();
        for (var i = 0; i < stepsPerEpoch; i++)
        {
            var p = (epoch * stepsPerEpoch + i) / (double)(epochs * stepsPerEpoch);
            referenceSgd.ParamGroups.First().LearningRate = 0.1 / Math.Pow(1 + 10 * p, 0.75);
            referenceSgd.ParamGroups.Last().LearningRate = 0.2 / Math.Pow(1 + 10 * p, 0.75);
            expected.Add(DannStep.Run(reference, referenceDomain, referenceSgd, source[i].Images, source[i].Labels, target[i], 2 / (1 + Math.Exp(-10 * p)) - 1));
        }
        Assert.Equal(expected, steps);
        Assert.Equal((2, 16L, 10L, false), (result.Steps, result.SourceSamples, result.TargetSamples, result.LossWasNaN));
        Assert.Equal(expected.Average(s => s.LabelLoss), result.LabelLoss, 1e-12);
        Assert.Equal(expected.Average(s => s.TargetDomainAccuracy), result.TargetDomainAccuracy, 1e-12);
        Assert.Equal(0.2 / Math.Pow(1 + 10 * 0.75, 0.75), sgd.ParamGroups.Last().LearningRate, 1e-15);
        var state = net.state_dict().Concat(domain.state_dict());
        var referenceState = reference.state_dict().Concat(referenceDomain.state_dict()).ToDictionary();
        Assert.All(state, kv => Assert.True(kv.Value.equal(referenceState[kv.Key]).all().item<bool>(), kv.Key));
    }

    [Fact]
    public void A_nan_step_ends_the_epoch_and_arguments_are_checked()
    {
        var source = TrainingData.Batches(3);
        var target = new List<Tensor> { source[0].Images.add(1), full_like(source[1].Images, double.NaN), source[2].Images };
        using var net = new TinyBnNet();
        using var domain = DomainClassifier.Create(net.FeatureDim, hidden: 8);
        using var sgd = Sgd(net, domain);

        var result = DannEpoch.Train(net, domain, sgd, source, target, 0, 1, 3);

        Assert.True(result.LossWasNaN);
        Assert.Equal(1, result.Steps);
        Assert.True(double.IsNaN(result.LabelLoss));
        Assert.Throws<ArgumentOutOfRangeException>(() => DannEpoch.Train(net, domain, sgd, source, target, 1, 1, 3));
        Assert.Throws<ArgumentException>(() => DannEpoch.Train(net, domain, sgd, source, target, 0, 1, 3, initialLrs: [0.1]));
        Assert.Throws<ArgumentException>(() => DannEpoch.Train(net, domain, sgd, source, [], 0, 1, 3));
    }

    static SGD Sgd(TinyBnNet net, Sequential domain)
    {
        var body = net.FeatureExtractorParameters().Select(p => p.Parameter);
        var head = net.HeadParameters().Select(p => p.Parameter).Concat(domain.parameters());
        return optim.SGD([new SGD.ParamGroup(body, lr: 0.1, momentum: 0.9), new SGD.ParamGroup(head, lr: 0.2, momentum: 0.9)], 0.1, 0.9);
    }
}
