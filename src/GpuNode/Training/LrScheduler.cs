using Daft.Shared.Specs;
using static TorchSharp.torch.optim;

namespace Daft.GpuNode.Training;

/// <summary>
/// Drives an optimizer's rates per epoch from a job's <see cref="LrScheduleSpec"/>. The default (cosine, no warm-up)
/// is today's <see cref="CosineSchedule"/>, TorchSharp's own scheduler, so existing jobs train bit for bit as before;
/// every other schedule is an <see cref="EpochLrSchedule"/> whose rates are written into the parameter groups.
/// </summary>
public sealed class LrScheduler
{
    readonly Optimizer _optimizer;
    readonly CosineSchedule? _cosine;
    readonly EpochLrSchedule? _schedule;

    public LrScheduler(Optimizer optimizer, LrScheduleSpec spec, int epochs)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _optimizer = optimizer;
        if (spec.IsDefault)
        {
            _cosine = new CosineSchedule(optimizer, epochs);
            return;
        }
        _schedule = new EpochLrSchedule(spec, epochs, [.. optimizer.ParamGroups.Select(g => g.LearningRate)]);
        Apply();
    }

    /// <summary>The current learning rate of each parameter group, in group order.</summary>
    public IReadOnlyList<double> LearningRates => _optimizer.ParamGroups.Select(g => g.LearningRate).ToList();

    /// <summary>Moves to the next epoch's rates, after an epoch with this ID-val accuracy (fraction) and mean train loss.</summary>
    public void Step(double idValAccuracy, double trainLoss, PlateauMetric metric)
    {
        if (_cosine is not null)
        {
            _cosine.Step();
            return;
        }
        _schedule!.Step(metric == PlateauMetric.IdValAccuracy ? idValAccuracy : trainLoss);
        Apply();
    }

    void Apply()
    {
        var groups = _optimizer.ParamGroups.ToList();
        for (var g = 0; g < groups.Count; g++)
            groups[g].LearningRate = _schedule!.Rates[g];
    }
}
