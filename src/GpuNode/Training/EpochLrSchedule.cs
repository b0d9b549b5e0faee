using Daft.Shared.Specs;

namespace Daft.GpuNode.Training;

/// <summary>
/// A job's per-epoch learning rates (<see cref="LrScheduleSpec"/>), as plain numbers: no optimizer, no tensors. It
/// follows torch.optim.lr_scheduler's recursive updates, not closed forms, so the rates equal PyTorch's:
/// <list type="bullet">
/// <item>warm-up (W = <c>warmup_epochs</c> &gt; 0): <c>LinearLR(start_factor = 1/(W+1), end_factor = 1, total_iters = W)</c>,
/// so epoch e &lt; W trains at base·(e+1)/(W+1); at epoch W the main schedule starts from the base rates, as
/// <c>SequentialLR(milestones = [W])</c> does (it steps the main scheduler with epoch 0);</item>
/// <item>cosine: <c>CosineAnnealingLR(T_max = epochs − W, eta_min = 0)</c>;</item>
/// <item>step: <c>StepLR(step_size, gamma)</c>;</item>
/// <item>plateau: <c>ReduceLROnPlateau(mode, factor, patience, threshold = 1e-4, threshold_mode = "rel", cooldown = 0,
/// min_lr = 0, eps = 1e-8)</c>, mode max on ID-val accuracy, min on train loss; it sees the metrics of the epochs after
/// the warm-up only.</item>
/// </list>
/// Every group keeps its own base rate and all are scaled alike. <see cref="Step"/> is called after each epoch.
/// </summary>
public sealed class EpochLrSchedule
{
    /// <summary>ReduceLROnPlateau's relative threshold: an improvement must beat the best by this fraction.</summary>
    public const double PlateauThreshold = 1e-4;

    /// <summary>ReduceLROnPlateau's eps: a decay smaller than this is not applied.</summary>
    const double PlateauEps = 1e-8;

    readonly LrScheduleSpec _spec;
    readonly double[] _base;
    readonly double[] _rates;
    readonly int _mainEpochs;
    double _best;
    int _badEpochs;

    /// <param name="spec">the schedule.</param>
    /// <param name="epochs">the job's epochs; more than the warm-up.</param>
    /// <param name="baseRates">each parameter group's base rate, in group order.</param>
    public EpochLrSchedule(LrScheduleSpec spec, int epochs, IReadOnlyList<double> baseRates)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.WarmupEpochs < 0 || epochs <= spec.WarmupEpochs)
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"The schedule needs more epochs than its {spec.WarmupEpochs} warm-up epochs.");
        if (spec.Kind == LrScheduleKind.Step && spec.StepSize < 1)
            throw new ArgumentOutOfRangeException(nameof(spec), spec.StepSize, "A step schedule needs step_size >= 1.");
        if (spec.Kind == LrScheduleKind.Plateau && spec.Factor is not (> 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Factor, "A plateau schedule needs 0 < factor < 1.");
        _spec = spec;
        _base = [.. baseRates];
        _mainEpochs = epochs - spec.WarmupEpochs;
        _best = spec.Metric == PlateauMetric.IdValAccuracy ? double.NegativeInfinity : double.PositiveInfinity;
        _rates = [.. _base.Select(lr => spec.WarmupEpochs > 0 ? lr * StartFactor : lr)];
    }

    /// <summary>The epoch (0-based) <see cref="Rates"/> belong to.</summary>
    public int Epoch { get; private set; }

    /// <summary>The current rate of each group, in group order.</summary>
    public IReadOnlyList<double> Rates => _rates;

    /// <summary>Whether <see cref="Step"/> uses its metric (a plateau schedule).</summary>
    public bool UsesMetric => _spec.Kind == LrScheduleKind.Plateau;

    /// <summary>LinearLR's start factor: 1/(W+1).</summary>
    double StartFactor => 1.0 / (_spec.WarmupEpochs + 1);

    /// <summary>
    /// Moves to the next epoch's rates, after epoch <see cref="Epoch"/> trained and was evaluated.
    /// <paramref name="metric"/> is that epoch's value of the plateau metric (ID-val accuracy or train loss); other
    /// schedules ignore it.
    /// </summary>
    public void Step(double metric)
    {
        var finished = Epoch;
        Epoch++;
        var warmup = _spec.WarmupEpochs;
        if (Epoch < warmup)
        {
            // LinearLR.get_lr, last_epoch = Epoch (1 .. W-1).
            var start = StartFactor;
            var scale = 1 + ((1 - start) / ((warmup * start) + ((Epoch - 1) * (1 - start))));
            Scale(scale);
            return;
        }
        if (Epoch == warmup)
        {
            // SequentialLR's milestone: the main scheduler is stepped with epoch 0, i.e. the base rates.
            Array.Copy(_base, _rates, _base.Length);
            return;
        }
        var k = Epoch - warmup;
        switch (_spec.Kind)
        {
            case LrScheduleKind.Cosine:
                CosineStep(k);
                break;
            case LrScheduleKind.Step:
                if (k % _spec.StepSize == 0)
                    Scale(_spec.Gamma);
                break;
            case LrScheduleKind.Plateau:
                if (finished >= warmup)
                    PlateauStep(metric);
                break;
            default:
                throw new InvalidOperationException($"Unknown schedule {_spec.Kind}.");
        }
    }

    // CosineAnnealingLR.get_lr with eta_min = 0, last_epoch = k >= 1.
    void CosineStep(int k)
    {
        var t = _mainEpochs;
        var period = 2 * t;
        if ((((k - 1 - t) % period) + period) % period == 0)
        {
            for (var g = 0; g < _rates.Length; g++)
                _rates[g] += _base[g] * (1 - Math.Cos(Math.PI / t)) / 2;
            return;
        }
        Scale((1 + Math.Cos(Math.PI * k / t)) / (1 + Math.Cos(Math.PI * (k - 1) / t)));
    }

    // ReduceLROnPlateau.step(metric) with cooldown 0 and min_lr 0.
    void PlateauStep(double metric)
    {
        var better = _spec.Metric == PlateauMetric.IdValAccuracy
            ? metric > _best * (1 + PlateauThreshold)
            : metric < _best * (1 - PlateauThreshold);
        if (better)
        {
            _best = metric;
            _badEpochs = 0;
        }
        else
        {
            _badEpochs++;
        }
        if (_badEpochs <= _spec.Patience)
            return;
        for (var g = 0; g < _rates.Length; g++)
        {
            var reduced = Math.Max(_rates[g] * _spec.Factor, 0);
            if (_rates[g] - reduced > PlateauEps)
                _rates[g] = reduced;
        }
        _badEpochs = 0;
    }

    void Scale(double factor)
    {
        for (var g = 0; g < _rates.Length; g++)
            _rates[g] *= factor;
    }
}
