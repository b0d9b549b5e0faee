using Daft.GpuNode.Models;
using Daft.Shared.Specs;
using TorchSharp.Modules;

namespace Daft.GpuNode.Training;

/// <summary>
/// Freeze / thaw (the transfer-learning tutorial's gradual unfreezing): the head (<c>fc.*</c>) always trains; the rest
/// of the network trains stage by stage as the steps reach their epoch, a stage being a state-dict prefix
/// (<c>layer4</c> covers <c>layer4.0.conv1.weight</c>; <c>conv1</c> covers <c>conv1.weight</c> only). A frozen
/// parameter has <c>requires_grad</c> off and no gradient, so SGD skips it entirely: no update, no weight decay, no
/// momentum buffer until it thaws (torch's SGD creates the buffer at a parameter's first gradient). With
/// <see cref="FrozenBatchNormInEval"/>, a BatchNorm layer all of whose parameters are frozen stays in eval mode while
/// the model trains, so its running statistics keep the pretrained values. A job's <c>thaw</c> and <c>frozen_bn</c>
/// keys (<see cref="FreezeSpec"/>) make one with <see cref="From"/>.
/// </summary>
public sealed class FreezeSchedule
{
    /// <summary>The stage name that thaws every parameter.</summary>
    public const string All = FreezeSpec.All;

    /// <summary>The schedule of a job's <see cref="FreezeSpec"/>; null (everything trains) for none.</summary>
    public static FreezeSchedule? From(FreezeSpec? spec) => spec is null ? null : new FreezeSchedule(spec.Steps, spec.FrozenBatchNormInEval);

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

    /// <summary>
    /// Throws when a stage names no parameter of <paramref name="model"/> (a typo would otherwise leave it frozen for
    /// the whole job); the message lists the model's stages, its top-level module names.
    /// </summary>
    public void CheckStages(ClassifierNetwork model)
    {
        var names = model.named_parameters().Select(p => p.name).ToList();
        var unknown = steps.SelectMany(step => step.Stages).Where(stage => stage != All && !names.Any(name => Covers(stage, name))).ToList();
        if (unknown.Count == 0)
            return;
        var stages = names.Select(name => name.Split('.')[0]).Where(stage => stage != ClassifierNetwork.HeadPrefix.TrimEnd('.')).Distinct();
        throw new ArgumentException($"thaw: stage {string.Join(", ", unknown.Select(s => $"'{s}'"))} names no parameter of backbone "
            + $"{model.GetName()}; its stages: {string.Join(", ", stages)} (or a deeper prefix such as layer4.1, or all).");
    }

    static bool Covers(string stage, string name) =>
        name.StartsWith(stage, StringComparison.Ordinal) && (name.Length == stage.Length || name[stage.Length] == '.');
}
