namespace Daft.Shared.Specs;

/// <summary>The snake_case keys of a job file, in schema order; shared by the loader, the writer and the job id.</summary>
internal static class JobKeys
{
    public const string Dataset = "dataset";
    public const string DataRoot = "data_root";
    public const string ImageSize = "image_size";
    public const string Backbone = "backbone";
    public const string Weights = "weights";
    public const string Method = "method";
    public const string Epochs = "epochs";
    public const string BatchSize = "batch_size";
    public const string Momentum = "momentum";
    public const string WeightDecay = "weight_decay";
    public const string Nesterov = "nesterov";
    public const string Augment = "augment";
    public const string RunNum = "run_num";
    public const string Seed = "seed";
    public const string Threads = "threads";
    public const string Device = "device";
    public const string LogEveryNSteps = "log_every_n_steps";
    public const string LrSchedule = "lr_schedule";
    public const string LrStepSize = "lr_step_size";
    public const string LrGamma = "lr_gamma";
    public const string LrPlateauMetric = "lr_plateau_metric";
    public const string LrFactor = "lr_factor";
    public const string LrPatience = "lr_patience";
    public const string WarmupEpochs = "warmup_epochs";
    public const string HeadHidden = "head_hidden";
    public const string HeadActivation = "head_activation";
    public const string HeadDropout = "head_dropout";
    public const string Thaw = "thaw";
    public const string FrozenBn = "frozen_bn";

    public static IReadOnlyList<string> TopLevel { get; } =
    [
        Dataset, DataRoot, ImageSize, Backbone, Weights, Method, Epochs, BatchSize, Momentum, WeightDecay,
        Nesterov, Augment, RunNum, Seed, Threads, Device, LogEveryNSteps,
        LrSchedule, LrStepSize, LrGamma, LrPlateauMetric, LrFactor, LrPatience, WarmupEpochs,
        HeadHidden, HeadActivation, HeadDropout, Thaw, FrozenBn,
    ];
}

/// <summary>The keys under <c>method:</c>, and which of them each method accepts.</summary>
internal static class MethodKeys
{
    public const string Name = "name";
    public const string Lr = "lr";
    public const string HeadLr = "head_lr";
    public const string ConvertBn = "convert_bn";
    public const string BnMode = "bn_mode";
    public const string LpHead = "lp_head";
    public const string CStart = "c_start";
    public const string CEnd = "c_end";
    public const string CNum = "c_num";
    public const string MaxIter = "max_iter";
    public const string DomainHidden = "domain_hidden";
    public const string Forward = "forward";

    private static readonly Dictionary<string, IReadOnlyList<string>> ByMethod = new(StringComparer.Ordinal)
    {
        [LinearProbeSpec.MethodName] = [Name, CStart, CEnd, CNum, MaxIter],
        [FineTuneSpec.MethodName] = [Name, Lr, BnMode],
        [LpFtSpec.MethodName] = [Name, Lr, BnMode, LpHead, CStart, CEnd, CNum, MaxIter],
        [DaftSpec.MethodName] = [Name, Lr, HeadLr, ConvertBn, BnMode],
        [DannSpec.MethodName] = [Name, Lr, DomainHidden, BnMode, Forward],
    };

    /// <summary>Every method key, for when the method's name is missing or unknown.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Name, Lr, HeadLr, ConvertBn, BnMode, LpHead, CStart, CEnd, CNum, MaxIter, DomainHidden, Forward];

    /// <summary>The keys <paramref name="methodName"/> accepts; <see cref="All"/> for an unknown name.</summary>
    public static IReadOnlyList<string> For(string? methodName) =>
        methodName is not null && ByMethod.TryGetValue(methodName, out var keys) ? keys : All;

    /// <summary>The methods that do accept <paramref name="key"/>, in schema order.</summary>
    public static IEnumerable<string> MethodsWith(string key) =>
        MethodSpec.Names.Where(name => ByMethod[name].Contains(key));
}
