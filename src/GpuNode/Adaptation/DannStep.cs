using Daft.GpuNode.Models;
using Daft.Shared.Specs;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Daft.GpuNode.Adaptation;

/// <summary>
/// One DANN training step (Ganin &amp; Lempitsky 2015, Algorithm 1; the tutorial's training loop): the source batch
/// through the feature extractor, the label classifier and, behind the gradient reversal layer, the domain
/// classifier; then the target batch, in its own forward pass, through the feature extractor and the domain
/// classifier; loss = target domain CE + source domain CE + source label CE; zero_grad, backward, step. The modules
/// are put in train() first. One dispose scope; the batches belong to the caller (moved to the model's device, never
/// disposed here); labels are int64 class indices. The optimizer's learning rates are the caller's (see
/// <see cref="DannSchedule"/>). <see cref="DannForward.Joint"/> runs the two batches through the feature extractor and
/// the domain classifier as one batch instead (the losses are the same three means).
/// </summary>
public static class DannStep
{
    /// <summary>The domain labels.</summary>
    public const long SourceDomain = 0, TargetDomain = 1;

    /// <summary>A step over three separate modules: features = <paramref name="featureExtractor"/>(images).</summary>
    public static DannStepResult Run(
        nn.Module<Tensor, Tensor> featureExtractor, nn.Module<Tensor, Tensor> labelClassifier, nn.Module<Tensor, Tensor> domainClassifier,
        Optimizer optimizer, Tensor sourceImages, Tensor sourceLabels, Tensor targetImages, double lambda, DannForward forward = DannForward.Separate)
    {
        featureExtractor.train();
        labelClassifier.train();
        domainClassifier.train();
        return Core(featureExtractor.call, labelClassifier.call, domainClassifier, DeviceOf(featureExtractor),
            optimizer, sourceImages, sourceLabels, targetImages, lambda, forward);
    }

    /// <summary>
    /// A step over a Daft classifier: its <c>Features</c> are the feature extractor, its whole head <c>fc</c> (linear or
    /// MLP) the label classifier. <paramref name="setTrainMode"/> false leaves the modules' modes as the caller set them.
    /// </summary>
    public static DannStepResult Run(
        ClassifierNetwork model, nn.Module<Tensor, Tensor> domainClassifier,
        Optimizer optimizer, Tensor sourceImages, Tensor sourceLabels, Tensor targetImages, double lambda, bool setTrainMode = true,
        DannForward forward = DannForward.Separate)
    {
        if (setTrainMode)
        {
            model.train();
            domainClassifier.train();
        }
        return Core(model.Features, model.HeadModule.call, domainClassifier, DeviceOf(model),
            optimizer, sourceImages, sourceLabels, targetImages, lambda, forward);
    }

    static DannStepResult Core(
        Func<Tensor, Tensor> features, Func<Tensor, Tensor> labelClassifier, nn.Module<Tensor, Tensor> domainClassifier, Device device,
        Optimizer optimizer, Tensor sourceImages, Tensor sourceLabels, Tensor targetImages, double lambda, DannForward forward)
    {
        using var scope = NewDisposeScope();
        var labels = sourceLabels.to(device);
        var ns = labels.shape[0];
        Tensor sourceFeatures, sourceDomainLogits, targetDomainLogits;
        if (forward == DannForward.Joint)
        {
            // One pass over [source; target]: train-mode BatchNorm normalises both with the statistics of the two
            // together and its running statistics average that same mixture, so evaluation sees what training saw.
            var all = features(cat([sourceImages.to(device), targetImages.to(device)], 0));
            var domainLogits = domainClassifier.call(GradientReversal.Apply(all, lambda));
            sourceFeatures = all.narrow(0, 0, ns);
            sourceDomainLogits = domainLogits.narrow(0, 0, ns);
            targetDomainLogits = domainLogits.narrow(0, ns, all.shape[0] - ns);
        }
        else
        {
            sourceFeatures = features(sourceImages.to(device));
            sourceDomainLogits = domainClassifier.call(GradientReversal.Apply(sourceFeatures, lambda));
            targetDomainLogits = domainClassifier.call(GradientReversal.Apply(features(targetImages.to(device)), lambda));
        }
        var classLogits = labelClassifier(sourceFeatures);
        var nt = targetDomainLogits.shape[0];
        if (ns == 0 || nt == 0)
            throw new ArgumentException($"A DANN step needs a non-empty source and target batch, got {ns} and {nt}.");
        var sourceDomains = full(ns, SourceDomain, dtype: ScalarType.Int64, device: device);
        var targetDomains = full(nt, TargetDomain, dtype: ScalarType.Int64, device: device);

        var labelLoss = nn.functional.cross_entropy(classLogits, labels);
        var sourceDomainLoss = nn.functional.cross_entropy(sourceDomainLogits, sourceDomains);
        var targetDomainLoss = nn.functional.cross_entropy(targetDomainLogits, targetDomains);
        var loss = targetDomainLoss + sourceDomainLoss + labelLoss;
        var total = loss.item<float>();
        double Accuracy(Tensor logits, Tensor expected)
        {
            using var _ = no_grad();
            return logits.argmax(1).eq(expected).to(ScalarType.Float64).mean().item<double>();
        }
        var result = new DannStepResult(
            labelLoss.item<float>(), sourceDomainLoss.item<float>(), targetDomainLoss.item<float>(), total,
            Accuracy(classLogits, labels), Accuracy(sourceDomainLogits, sourceDomains), Accuracy(targetDomainLogits, targetDomains),
            ns, nt, LossWasNaN: float.IsNaN(total));
        if (result.LossWasNaN)
            return result;
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return result;
    }

    static Device DeviceOf(nn.Module module) => module.parameters().FirstOrDefault()?.device ?? CPU;
}
