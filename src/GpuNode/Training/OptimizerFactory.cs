using Daft.GpuNode.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Training;

/// <summary>
/// Builds the one SGD optimizer FT, LP-FT and DAFT train with (daft-spec §1.2, §1.6): two parameter groups,
/// group 0 the feature extractor (everything but <c>fc</c>, BN γ/β included) at <c>Lr</c>, group 1 the head at
/// <c>HeadLr</c>, both with the same momentum, weight decay and Nesterov setting. DANN adds its domain classifier as
/// group 2, at <c>Lr</c>.
/// </summary>
public static class OptimizerFactory
{
    /// <summary>Index of the feature-extractor group in <c>ParamGroups</c>.</summary>
    public const int FeatureExtractorGroup = 0;

    /// <summary>Index of the head group in <c>ParamGroups</c>.</summary>
    public const int HeadGroup = 1;

    /// <summary>Index of the group of <c>CreateSgd</c>'s extra parameters (DANN's domain classifier), when given.</summary>
    public const int ExtraGroup = 2;

    public static SGD CreateSgd(ClassifierNetwork model, SgdSettings settings, IReadOnlyList<Parameter>? extra = null)
    {
        if (settings.Lr <= 0 || settings.HeadLr <= 0)
            throw new ArgumentException($"SGD learning rates must be > 0, got lr {settings.Lr} and head lr {settings.HeadLr}.", nameof(settings));
        if (settings.Momentum < 0 || settings.WeightDecay < 0)
            throw new ArgumentException($"SGD momentum and weight decay must be >= 0, got {settings.Momentum} and {settings.WeightDecay}.", nameof(settings));
        if (settings.Nesterov && settings.Momentum <= 0)
            throw new ArgumentException("Nesterov momentum needs a momentum > 0.", nameof(settings));
        var body = model.FeatureExtractorParameters().Select(p => p.Parameter).ToList();
        var head = model.HeadParameters().Select(p => p.Parameter).ToList();
        if (head.Count == 0)
            throw new ArgumentException($"Model '{model.GetName()}' has no head parameters ('{ClassifierNetwork.HeadPrefix}*').", nameof(model));
        SGD.ParamGroup Group(IEnumerable<Parameter> parameters, double lr) =>
            new(parameters, lr: lr, momentum: settings.Momentum, weight_decay: settings.WeightDecay, nesterov: settings.Nesterov);
        List<SGD.ParamGroup> groups = [Group(body, settings.Lr), Group(head, settings.HeadLr)];
        if (extra is { Count: > 0 })
            groups.Add(Group(extra, settings.Lr));
        return optim.SGD(
            groups,
            settings.Lr, settings.Momentum, weight_decay: settings.WeightDecay, nesterov: settings.Nesterov);
    }
}
