using Daft.GpuNode.Models;
using TorchSharp.Modules;

namespace Daft.GpuNode.Training;

/// <summary>From <see cref="Epoch"/> (1-based) on, the named stages train too; <see cref="FreezeSchedule.All"/> = every parameter.</summary>
public sealed record ThawStep(int Epoch, IReadOnlyList<string> Stages);

/// <summary>
/// Freeze / thaw (the transfer-learning tutorial's gradual unfreezing): the head (<c>fc.*</c>) always trains; the rest
/// of the network trains stage by stage as the steps reach their epoch, a stage being a state-dict prefix
/// (<c>layer4</c> covers <c>layer4.0.conv1.weight</c>; <c>conv1</c> covers <c>conv1.weight</c> only). A frozen
/// parameter has <c>requires_grad</c> off and no gradient, so SGD skips it entirely: no update, no weight decay, no
/// momentum buffer until it thaws (torch's SGD creates the buffer at a parameter's first gradient). With
/// <see cref="FrozenBatchNormInEval"/>, a BatchNorm layer all of whose parameters are frozen stays in eval mode while
/// the model trains, so its running statistics keep the pretrained values.
/// </summary>
public sealed class FreezeSchedule
{
    /// <summary>The stage name that thaws every parameter.</summary>
    public const string All = "all";

    readonly IReadOnlyList<ThawStep> steps;

    public FreezeSchedule(IReadOnlyList<ThawStep> steps, bool frozenBatchNormInEval = true)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Epoch < 1)
                throw new ArgumentException($"A thaw step's epoch is 1-based, got {steps[i].Epoch}.", nameof(steps));
            if (i > 0 && steps[i].Epoch <= steps[i - 1].Epoch)
                throw new ArgumentException($"Thaw steps must be in increasing epochs, got {steps[i - 1].Epoch} then {steps[i].Epoch}.", nameof(steps));
            if (steps[i].Stages.Count == 0)
                throw new ArgumentException($"The thaw step at epoch {steps[i].Epoch} names no stage.", nameof(steps));
        }
        this.steps = steps;
        FrozenBatchNormInEval = frozenBatchNormInEval;
    }

    public bool FrozenBatchNormInEval { get; }

    /// <summary>Whether the parameter named <paramref name="name"/> (a state-dict name) trains during <paramref name="epoch"/>.</summary>
    public bool IsTrainable(string name, int epoch) =>
        name.StartsWith(ClassifierNetwork.HeadPrefix, StringComparison.Ordinal)
        || steps.Where(step => step.Epoch <= epoch).SelectMany(step => step.Stages).Any(stage => stage == All || Covers(stage, name));

    /// <summary>
    /// Sets every parameter's <c>requires_grad</c> for <paramref name="epoch"/> and drops the gradients of the frozen
    /// ones; returns how many parameters train. Call before the epoch's first step.
    /// </summary>
    public int Apply(ClassifierNetwork model, int epoch)
    {
        var trainable = 0;
        foreach (var (name, parameter) in model.named_parameters())
        {
            var trains = IsTrainable(name, epoch);
            parameter.requires_grad = trains;
            if (!trains)
                parameter.grad = null;
            else
                trainable++;
        }
        return trainable;
    }

    /// <summary>
    /// Puts back into eval mode every BatchNorm layer whose parameters are all frozen in <paramref name="epoch"/>
    /// (when <see cref="FrozenBatchNormInEval"/>). Call after <c>model.train()</c>, which sets every layer to train.
    /// </summary>
    public void KeepFrozenBatchNormInEval(ClassifierNetwork model, int epoch)
    {
        if (!FrozenBatchNormInEval)
            return;
        foreach (var (name, module) in model.named_modules())
        {
            if (module is not (BatchNorm1d or BatchNorm2d or BatchNorm3d))
                continue;
            var parameters = module.named_parameters().Select(p => $"{name}.{p.name}").ToList();
            if (parameters.Count > 0 && parameters.All(parameter => !IsTrainable(parameter, epoch)))
                module.eval();
        }
    }

    static bool Covers(string stage, string name) =>
        name.StartsWith(stage, StringComparison.Ordinal) && (name.Length == stage.Length || name[stage.Length] == '.');
}
