namespace Daft.Shared.Specs;

/// <summary>The main learning-rate schedule of an SGD job (<c>lr_schedule</c> in a job file).</summary>
public enum LrScheduleKind
{
    /// <summary><c>CosineAnnealingLR(T_max = epochs − warmup_epochs, eta_min = 0)</c>: the default.</summary>
    Cosine,

    /// <summary><c>StepLR(step_size, gamma)</c>.</summary>
    Step,

    /// <summary><c>ReduceLROnPlateau(mode, factor, patience, threshold = 1e-4, threshold_mode = rel)</c> on a metric.</summary>
    Plateau,
}

/// <summary>The metric a plateau schedule watches (<c>lr_plateau_metric</c>).</summary>
public enum PlateauMetric
{
    /// <summary>ID-val accuracy after each epoch, mode max.</summary>
    IdValAccuracy,

    /// <summary>The epoch's mean train loss, mode min.</summary>
    TrainLoss,
}

/// <summary>
/// How the learning rate moves from epoch to epoch: an optional linear warm-up (torch's <c>LinearLR</c> with
/// <c>start_factor = 1/(warmup_epochs+1)</c>, <c>end_factor = 1</c>, <c>total_iters = warmup_epochs</c>, so epoch e &lt;
/// W trains at lr·(e+1)/(W+1)), then the main schedule from the full rate. Stepped once per epoch; every parameter
/// group is scaled by the same factor. Fields of another kind keep their defaults (the parser rejects them).
/// </summary>
/// <param name="Kind">The main schedule.</param>
/// <param name="StepSize">Step: epochs between decays.</param>
/// <param name="Gamma">Step: the decay factor.</param>
/// <param name="Metric">Plateau: the metric watched.</param>
/// <param name="Factor">Plateau: the factor the rate is multiplied by on a plateau (0 &lt; factor &lt; 1).</param>
/// <param name="Patience">Plateau: epochs without improvement tolerated before a decay.</param>
/// <param name="WarmupEpochs">Linear warm-up epochs before the main schedule; 0 = none.</param>
public sealed record LrScheduleSpec(
    LrScheduleKind Kind,
    int StepSize,
    double Gamma,
    PlateauMetric Metric,
    double Factor,
    int Patience,
    int WarmupEpochs)
{
    /// <summary>The names of <see cref="LrScheduleKind"/> in a job file, in that order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cosine", "step", "plateau"];

    /// <summary>The names of <see cref="PlateauMetric"/> in a job file, in that order.</summary>
    public static IReadOnlyList<string> MetricNames { get; } = ["id_val_accuracy", "train_loss"];

    /// <summary>The kind a job file's <c>lr_schedule</c> name stands for (one of <see cref="Names"/>).</summary>
    public static LrScheduleKind KindOf(string name) => (LrScheduleKind)IndexIn(Names, name);

    /// <summary>The metric a job file's <c>lr_plateau_metric</c> name stands for (one of <see cref="MetricNames"/>).</summary>
    public static PlateauMetric MetricOf(string name) => (PlateauMetric)IndexIn(MetricNames, name);

    /// <summary>Every job's schedule unless it says otherwise: cosine, no warm-up (today's schedule, unchanged ids).</summary>
    public static LrScheduleSpec Default { get; } = new(
        LrScheduleKind.Cosine, 1, JobDefaults.LrGamma, PlateauMetric.IdValAccuracy,
        JobDefaults.LrFactor, JobDefaults.LrPatience, 0);

    /// <summary>Whether this is <see cref="Default"/>: the job file and the job id then leave every schedule key out.</summary>
    public bool IsDefault => this == Default;

    /// <summary>The job-file name of <see cref="Kind"/>.</summary>
    public string Name => Names[(int)Kind];

    /// <summary>The job-file name of <see cref="Metric"/>.</summary>
    public string MetricName => MetricNames[(int)Metric];

    private static int IndexIn(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown name `{name}`; allowed: {string.Join(", ", names)}.", nameof(name));
    }
}
