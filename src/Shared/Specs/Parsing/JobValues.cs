using Daft.Shared.Datasets;

namespace Daft.Shared.Specs.Parsing;

/// <summary>A value and where it was written, for the checks that span keys (made after a sweep stacked its layers).</summary>
internal readonly record struct Given<T>(T Value, Position At)
    where T : struct;

/// <summary>
/// The top-level values of one job mapping, each read and checked on its own, before defaults: null = not given (or
/// given wrong, the error recorded). A job file is one such mapping. A sweep reads each of its mappings and list values
/// once (defaults, a grid value, an override's <c>set</c>) and stacks them per point with <see cref="Over"/>, so that
/// expanding 100,000 points builds records instead of reading YAML 100,000 times; <see cref="JobSpecParser.Build"/>
/// then applies the defaults and the checks that span keys, for both.
/// </summary>
internal sealed record JobValues
{
    /// <summary>Nothing given.</summary>
    public static JobValues None { get; } = new();

    /// <summary>The dataset as the spec records it: a built-in name, or a dataset file's absolute path.</summary>
    public string? Dataset { get; init; }

    /// <summary>Where <see cref="Dataset"/> was given, for the checks between it and the method.</summary>
    public Position? DatasetAt { get; init; }

    /// <summary>The dataset's file, for its default epochs (and its <c>target</c> split, which dann needs).</summary>
    public DatasetConfig? DatasetConfig { get; init; }

    public string? DataRoot { get; init; }

    public int? ImageSize { get; init; }

    public string? Backbone { get; init; }

    /// <summary>An absolute path or a <see cref="JobReference"/>.</summary>
    public string? Weights { get; init; }

    public int? Epochs { get; init; }

    public int? BatchSize { get; init; }

    public double? Momentum { get; init; }

    public double? WeightDecay { get; init; }

    public bool? Nesterov { get; init; }

    /// <summary>Where <see cref="Nesterov"/> was given, for the error when momentum turns out to be 0.</summary>
    public Position? NesterovAt { get; init; }

    public bool? Augment { get; init; }

    public int? RunNum { get; init; }

    public long? Seed { get; init; }

    public int? Threads { get; init; }

    public string? Device { get; init; }

    public int? LogEveryNSteps { get; init; }

    public Given<LrScheduleKind>? LrSchedule { get; init; }

    public Given<int>? LrStepSize { get; init; }

    public Given<double>? LrGamma { get; init; }

    public Given<PlateauMetric>? LrPlateauMetric { get; init; }

    public Given<double>? LrFactor { get; init; }

    public Given<int>? LrPatience { get; init; }

    public Given<int>? WarmupEpochs { get; init; }

    /// <summary>The hidden widths as given (an empty list = a linear head, written out).</summary>
    public IReadOnlyList<int>? HeadHidden { get; init; }

    /// <summary>Where <see cref="HeadHidden"/> was given, for the error when the method takes no MLP head.</summary>
    public Position? HeadHiddenAt { get; init; }

    public Given<HeadActivation>? HeadActivation { get; init; }

    public Given<double>? HeadDropout { get; init; }

    /// <summary>The <c>thaw</c> steps as read, and where.</summary>
    public IReadOnlyList<ThawStep>? Thaw { get; init; }

    public Position? ThawAt { get; init; }

    /// <summary><c>frozen_bn</c>: true = eval (keep frozen BN in eval mode), and where.</summary>
    public Given<bool>? FrozenBnEval { get; init; }

    /// <summary>These values with <paramref name="top"/>'s given ones in place of them (a later layer wins).</summary>
    public JobValues Over(JobValues top) => ReferenceEquals(top, None) ? this : ReferenceEquals(this, None) ? top : new JobValues
    {
        Dataset = top.Dataset ?? Dataset,
        DatasetConfig = top.Dataset is not null ? top.DatasetConfig : DatasetConfig,
        DatasetAt = top.Dataset is not null ? top.DatasetAt : DatasetAt,
        DataRoot = top.DataRoot ?? DataRoot,
        ImageSize = top.ImageSize ?? ImageSize,
        Backbone = top.Backbone ?? Backbone,
        Weights = top.Weights ?? Weights,
        Epochs = top.Epochs ?? Epochs,
        BatchSize = top.BatchSize ?? BatchSize,
        Momentum = top.Momentum ?? Momentum,
        WeightDecay = top.WeightDecay ?? WeightDecay,
        Nesterov = top.Nesterov ?? Nesterov,
        NesterovAt = top.Nesterov is not null ? top.NesterovAt : NesterovAt,
        Augment = top.Augment ?? Augment,
        RunNum = top.RunNum ?? RunNum,
        Seed = top.Seed ?? Seed,
        Threads = top.Threads ?? Threads,
        Device = top.Device ?? Device,
        LogEveryNSteps = top.LogEveryNSteps ?? LogEveryNSteps,
        LrSchedule = top.LrSchedule ?? LrSchedule,
        LrStepSize = top.LrStepSize ?? LrStepSize,
        LrGamma = top.LrGamma ?? LrGamma,
        LrPlateauMetric = top.LrPlateauMetric ?? LrPlateauMetric,
        LrFactor = top.LrFactor ?? LrFactor,
        LrPatience = top.LrPatience ?? LrPatience,
        WarmupEpochs = top.WarmupEpochs ?? WarmupEpochs,
        HeadHidden = top.HeadHidden ?? HeadHidden,
        HeadHiddenAt = top.HeadHidden is not null ? top.HeadHiddenAt : HeadHiddenAt,
        HeadActivation = top.HeadActivation ?? HeadActivation,
        HeadDropout = top.HeadDropout ?? HeadDropout,
        Thaw = top.Thaw ?? Thaw,
        ThawAt = top.Thaw is not null ? top.ThawAt : ThawAt,
        FrozenBnEval = top.FrozenBnEval ?? FrozenBnEval,
    };
}
