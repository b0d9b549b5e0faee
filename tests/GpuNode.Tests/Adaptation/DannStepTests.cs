using Daft.GpuNode.Adaptation;
using Daft.GpuNode.Tests.Training;
using Daft.GpuNode.Training;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Adaptation;

/// <summary>The <see cref="DannStep"/> overload over a Daft <c>ClassifierNetwork</c> (features + <c>fc</c>).</summary>
public class DannStepTests
{
    [Fact]
    public void A_classifier_network_step_reports_its_label_loss_and_moves_body_head_and_domain_classifier()
    {
        using var net = new TinyBnNet();
        using var domain = DomainClassifier.Create(net.FeatureDim, hidden: 8);
        var (source, labels) = TrainingData.Batches(1)[0];
        var target = TrainingData.Batches(1, batchSize: 5, seed: 4)[0].Images.add(1);
        net.train();
        using var copy = ModelCopy.Clone(net, () => new TinyBnNet());
        float expectedLabelLoss;
        using (no_grad())
            expectedLabelLoss = nn.functional.cross_entropy(copy.call(source), labels).item<float>();
        var before = net.parameters().Concat(domain.parameters()).Select(p => p.detach().clone()).ToList();
        using var sgd = optim.SGD(net.parameters().Concat(domain.parameters()), 0.1, momentum: 0.9);

        var result = DannStep.Run(net, domain, sgd, source, labels, target, lambda: 0.5);

        Assert.Equal(expectedLabelLoss, result.LabelLoss, 1e-6);
        Assert.Equal(result.TargetDomainLoss + result.SourceDomainLoss + result.LabelLoss, result.TotalLoss, 1e-5);
        Assert.Equal((8L, 5L), (result.SourceSamples, result.TargetSamples));
        Assert.InRange(result.LabelAccuracy, 0, 1);
        var after = net.parameters().Concat(domain.parameters()).ToList();
        Assert.All(after.Zip(before), pair => Assert.False(pair.First.equal(pair.Second).all().item<bool>(), "every parameter must move"));
    }

    [Fact]
    public void A_nan_loss_applies_no_update()
    {
        using var net = new TinyBnNet();
        using var domain = DomainClassifier.Create(net.FeatureDim, hidden: 8);
        var (source, labels) = TrainingData.Batches(1)[0];
        var before = net.parameters().Select(p => p.detach().clone()).ToList();
        using var sgd = optim.SGD(net.parameters().Concat(domain.parameters()), 0.1, momentum: 0.9);

        var result = DannStep.Run(net, domain, sgd, source, labels, full_like(source, double.NaN), lambda: 1.0);

        Assert.True(result.LossWasNaN);
        Assert.All(net.parameters().Zip(before), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>()));
    }
}
