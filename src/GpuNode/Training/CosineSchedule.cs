using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Daft.GpuNode.Training;

/// <summary>
/// The reference's <c>CosineAnnealingLR(T_max = epochs, eta_min = 0)</c>, stepped once after every epoch, no
/// warmup: during epoch e (0-based) every group trains at lr_g·(1 + cos(π·e/T))/2. Wraps TorchSharp's scheduler,
/// which uses PyTorch's recursive update, so the rates equal PyTorch's and not just the closed form.
/// </summary>
public sealed class CosineSchedule
{
    readonly Optimizer _optimizer;
    readonly LRScheduler _scheduler;

    public CosineSchedule(Optimizer optimizer, int epochs)
    {
        if (epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "The cosine schedule needs at least one epoch.");
        _optimizer = optimizer;
        Epochs = epochs;
        _scheduler = CosineAnnealingLR(optimizer, epochs, eta_min: 0);
    }

    /// <summary>T_max: the number of epochs the rate anneals over.</summary>
    public int Epochs { get; }

    /// <summary>The epoch (0-based) the current rates belong to.</summary>
    public int Epoch { get; private set; }

    /// <summary>The current learning rate of each parameter group, in group order.</summary>
    public IReadOnlyList<double> LearningRates => _optimizer.ParamGroups.Select(g => g.LearningRate).ToList();

    /// <summary>Moves to the next epoch's rates; call once after each epoch's training and evaluation.</summary>
    public void Step()
    {
        _scheduler.step();
        Epoch++;
    }

    /// <summary>The closed form: the rate of a group with base rate <paramref name="baseLr"/> during <paramref name="epoch"/>.</summary>
    public static double LearningRateAt(double baseLr, int epoch, int epochs) =>
        baseLr * (1 + Math.Cos(Math.PI * epoch / epochs)) / 2;
}
