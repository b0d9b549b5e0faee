using System.Text.RegularExpressions;
using Daft.Shared.Datasets;

namespace Daft.Shared.Specs.Parsing;

/// <summary>Turns the YAML tree of a job file into a resolved <see cref="JobSpec"/>, recording every error it finds.</summary>
internal sealed partial class JobSpecParser(ErrorList errors, string baseDirectory)
{
    /// <summary>The spec, or null when any error was recorded.</summary>
    public JobSpec? Parse(YamlValue? root)
    {
        if (root is null)
        {
            // A syntax error was already recorded, or the file is empty.
            if (errors.IsEmpty)
            {
                errors.AddForFile("the job file is empty; it needs at least `dataset`, `backbone` and `method`");
            }

            return null;
        }

        if (root is not YamlMap map)
        {
            errors.Add(root.Start, $"a job file must be a mapping of keys (dataset, backbone, method, ...), got {root.Describe()}");
            return null;
        }

        var job = new MappingReader(map, errors);
        job.RejectOtherKeys(JobKeys.TopLevel, "allowed top-level keys", ExplainTopLevelKey);

        job.Require(JobKeys.Dataset, "a built-in dataset's name (e.g. digits_shift, cifar10) or a dataset file's path");
        job.Require(JobKeys.Backbone, $"one of {string.Join(", ", BackboneNames.All)}");
        var method = ReadMethod(job);
        var spec = Build(ReadValues(job), method);
        return errors.IsEmpty ? spec : null;
    }

    /// <summary>
    /// The top-level keys present in <paramref name="job"/> (all but <c>method</c>), each read and checked on its own;
    /// no key is required here and no default is filled in (that is <see cref="Build"/>'s part).
    /// </summary>
    public JobValues ReadValues(MappingReader job)
    {
        var (dataset, datasetConfig) = ReadDataset(job);
        return new JobValues
        {
            Dataset = dataset,
            DatasetConfig = datasetConfig,
            DatasetAt = job.Find(JobKeys.Dataset)?.Start,
            DataRoot = job.String(JobKeys.DataRoot),
            ImageSize = job.Int(JobKeys.ImageSize, minimum: 1),
            Backbone = job.Choice(JobKeys.Backbone, BackboneNames.All, "backbone"),
            Weights = ReadPath(job, JobKeys.Weights),
            Epochs = job.Int(JobKeys.Epochs, minimum: 1),
            BatchSize = job.Int(JobKeys.BatchSize, minimum: 1),
            Momentum = job.Double(JobKeys.Momentum, NumberRange.NonNegative),
            WeightDecay = job.Double(JobKeys.WeightDecay, NumberRange.NonNegative),
            Nesterov = job.Bool(JobKeys.Nesterov),
            NesterovAt = job.Find(JobKeys.Nesterov)?.Start,
            Augment = job.Bool(JobKeys.Augment),
            RunNum = job.Int(JobKeys.RunNum, minimum: 1),
            Seed = job.Long(JobKeys.Seed, minimum: 0),
            Threads = job.Int(JobKeys.Threads, minimum: 1),
            Device = ReadDevice(job),
            LogEveryNSteps = job.Int(JobKeys.LogEveryNSteps, minimum: 0),
            LrSchedule = At<LrScheduleKind>(job, JobKeys.LrSchedule, job.Choice(JobKeys.LrSchedule, LrScheduleSpec.Names, "lr_schedule") is { } kind
                ? LrScheduleSpec.KindOf(kind) : null),
            LrStepSize = At(job, JobKeys.LrStepSize, job.Int(JobKeys.LrStepSize, minimum: 1)),
            LrGamma = At(job, JobKeys.LrGamma, job.Double(JobKeys.LrGamma, NumberRange.Positive)),
            LrPlateauMetric = At<PlateauMetric>(job, JobKeys.LrPlateauMetric, job.Choice(JobKeys.LrPlateauMetric, LrScheduleSpec.MetricNames, "lr_plateau_metric") is { } metric
                ? LrScheduleSpec.MetricOf(metric) : null),
            LrFactor = At(job, JobKeys.LrFactor, ReadFactor(job)),
            LrPatience = At(job, JobKeys.LrPatience, job.Int(JobKeys.LrPatience, minimum: 0)),
            WarmupEpochs = At(job, JobKeys.WarmupEpochs, job.Int(JobKeys.WarmupEpochs, minimum: 0)),
            HeadHidden = ReadHidden(job),
            HeadHiddenAt = job.Find(JobKeys.HeadHidden)?.Start,
            HeadActivation = At<HeadActivation>(job, JobKeys.HeadActivation, job.Choice(JobKeys.HeadActivation, HeadSpec.ActivationNames, "head_activation") is { } activation
                ? HeadSpec.ActivationOf(activation) : null),
            HeadDropout = At(job, JobKeys.HeadDropout, ReadDropout(job)),
            Thaw = ReadThaw(job),
            ThawAt = job.Find(JobKeys.Thaw)?.Start,
            FrozenBnEval = At<bool>(job, JobKeys.FrozenBn, job.Choice(JobKeys.FrozenBn, FreezeSpec.FrozenBnNames, "frozen_bn") is { } frozenBn
                ? frozenBn == "eval" : null),
        };
    }

    private IReadOnlyList<ThawStep>? ReadThaw(MappingReader job)
    {
        if (job.String(JobKeys.Thaw) is not { } text)
        {
            return null;
        }

        var steps = FreezeSpec.ParseThaw(text, out var error);
        if (error is not null)
        {
            errors.Add(job.Find(JobKeys.Thaw)!.Start, $"`thaw`: {error}");
        }

        return steps;
    }

    /// <summary>
    /// The freeze schedule the values describe (null: everything trains), or <paramref name="valid"/> false when it does
    /// not fit the job: lp (no SGD), a step after the last epoch, <c>frozen_bn</c> without <c>thaw</c>.
    /// </summary>
    private FreezeSpec? BuildFreeze(JobValues values, MethodSpec? method, int epochs, out bool valid)
    {
        var before = errors.Count;
        if (values.FrozenBnEval is { } frozenBn && values.Thaw is null)
        {
            errors.Add(frozenBn.At, "`frozen_bn` applies only with `thaw` (which freezes the backbone until its stages thaw)");
        }

        if (values.Thaw is { } steps && values.ThawAt is { } at)
        {
            if (method is LinearProbeSpec)
            {
                errors.Add(at, "`thaw` does not apply to method lp: it fits a logistic regression on frozen features; methods with thaw: ft, lp_ft, daft, dann");
            }
            else if (steps.Count > 0 && steps[^1].Epoch > epochs)
            {
                errors.Add(at, $"`thaw` thaws at epoch {steps[^1].Epoch}, after the job's last epoch ({epochs})");
            }
        }

        valid = errors.Count == before;
        return valid && values.Thaw is { } thaw ? new FreezeSpec(thaw, values.FrozenBnEval?.Value ?? true) : null;
    }

    /// <summary>dann trains on the dataset's unlabelled <c>target</c> split: a dataset without one is an error at its key.</summary>
    private bool CheckTarget(JobValues values, MethodSpec? method)
    {
        if (method is not DannSpec || values.DatasetConfig is not { Target: null } config)
        {
            return true;
        }

        var withTarget = DatasetConfigs.Names.Where(name => DatasetConfigs.Find(name)?.Target is not null).ToList();
        errors.Add(values.DatasetAt ?? new Position(0, 0), $"method dann needs a dataset with a `target:` split (the unlabelled target-domain images); "
            + $"dataset `{config.Name}` has none; built-in datasets with one: {string.Join(", ", withTarget)}; or add `target:` to a dataset file");
        return false;
    }

    /// <summary><c>head_hidden</c>: a list of widths (<c>[512, 256]</c>; <c>[]</c> = linear) or one width (<c>512</c>, what a sweep's grid lists).</summary>
    private int[]? ReadHidden(MappingReader job)
    {
        const string Shape = "the hidden layer widths of an MLP head, a list of integers >= 1 (e.g. [512, 256]; [] = linear head) or one width";
        switch (job.Find(JobKeys.HeadHidden))
        {
            case null:
                return null;
            case YamlText:
                return job.Int(JobKeys.HeadHidden, minimum: 1) is { } one ? [one] : null;
            case YamlList list:
                var widths = new List<int>(list.Count);
                foreach (var item in list.Items)
                {
                    if (item is YamlText { IsPlain: true } text && YamlScalars.IsInteger(text.Value) && int.TryParse(text.Value, out var width) && width >= 1)
                    {
                        widths.Add(width);
                    }
                    else
                    {
                        errors.Add(item.Start, $"a `head_hidden` width must be an integer >= 1, got {item.Describe()}");
                    }
                }

                return widths.Count == list.Count ? [.. widths] : null;
            case var other:
                errors.Add(other.Start, $"`head_hidden` must be {Shape}, got {other.Describe()}");
                return null;
        }
    }

    private double? ReadDropout(MappingReader job)
    {
        var dropout = job.Double(JobKeys.HeadDropout, NumberRange.NonNegative);
        if (dropout is null or < 1)
        {
            return dropout;
        }

        errors.Add(job.Find(JobKeys.HeadDropout)!.Start, $"`head_dropout` must be less than 1 (a dropout probability), got {SpecNumbers.Shortest(dropout.Value)}");
        return null;
    }

    /// <summary>
    /// The head the values describe, or null when <c>head_activation</c> / <c>head_dropout</c> come without hidden
    /// layers or the method takes no MLP head (each recorded at its key).
    /// </summary>
    private HeadSpec? BuildHead(JobValues values, MethodSpec? method)
    {
        var before = errors.Count;
        var hidden = values.HeadHidden ?? [];
        foreach (var (key, at) in new[] { (JobKeys.HeadActivation, values.HeadActivation?.At), (JobKeys.HeadDropout, values.HeadDropout?.At) })
        {
            if (at is { } position && hidden.Count == 0)
            {
                errors.Add(position, $"`{key}` applies only to an MLP head: give its hidden layer widths in `head_hidden` (e.g. [512, 256])");
            }
        }

        if (hidden.Count > 0 && values.HeadHiddenAt is { } hiddenAt && method is LinearProbeSpec or LpFtSpec)
        {
            var why = method is LinearProbeSpec
                ? "lp fits a logistic regression, which is a linear head"
                : "lp_ft starts from the linear head that LP fitted";
            errors.Add(hiddenAt, $"an MLP head (`head_hidden`) does not apply to method {method.Name}: {why}; methods with MLP heads: ft, daft, dann");
        }

        return errors.Count != before ? null : hidden.Count == 0 ? HeadSpec.Linear : new HeadSpec(
            [.. hidden], values.HeadActivation?.Value ?? HeadActivation.Relu, values.HeadDropout?.Value ?? 0);
    }

    private static Given<T>? At<T>(MappingReader reader, string key, T? value)
        where T : struct =>
        value is { } given ? new Given<T>(given, reader.Find(key)!.Start) : null;

    // torch's ReduceLROnPlateau refuses factor >= 1 ("Factor should be < 1.0.").
    private double? ReadFactor(MappingReader job)
    {
        var factor = job.Double(JobKeys.LrFactor, NumberRange.Positive);
        if (factor < 1)
        {
            return factor;
        }

        if (factor is not null)
        {
            errors.Add(job.Find(JobKeys.LrFactor)!.Start, $"`lr_factor` must be less than 1 (the rate is multiplied by it on a plateau), got {SpecNumbers.Shortest(factor.Value)}");
        }

        return null;
    }

    /// <summary>
    /// The schedule the values describe, or null when a key does not go with the chosen <c>lr_schedule</c>, step has
    /// no <c>lr_step_size</c> or the warm-up leaves no epoch for the main schedule (each recorded at its key).
    /// </summary>
    private LrScheduleSpec? BuildSchedule(JobValues values, int epochs, bool usesSgd)
    {
        var before = errors.Count;
        var kind = values.LrSchedule?.Value ?? LrScheduleKind.Cosine;
        var name = LrScheduleSpec.Names[(int)kind];
        void Only(string key, Position? at, LrScheduleKind owner)
        {
            if (at is { } position && kind != owner)
            {
                errors.Add(position, $"`{key}` applies only to `lr_schedule: {LrScheduleSpec.Names[(int)owner]}`, "
                    + $"but this job's schedule is {name} (lr_schedule: {string.Join(", ", LrScheduleSpec.Names)})");
            }
        }

        Only(JobKeys.LrStepSize, values.LrStepSize?.At, LrScheduleKind.Step);
        Only(JobKeys.LrGamma, values.LrGamma?.At, LrScheduleKind.Step);
        Only(JobKeys.LrPlateauMetric, values.LrPlateauMetric?.At, LrScheduleKind.Plateau);
        Only(JobKeys.LrFactor, values.LrFactor?.At, LrScheduleKind.Plateau);
        Only(JobKeys.LrPatience, values.LrPatience?.At, LrScheduleKind.Plateau);
        if (kind == LrScheduleKind.Step && values.LrStepSize is null && values.LrSchedule is { } stepAt)
        {
            errors.Add(stepAt.At, "`lr_schedule: step` needs `lr_step_size`: the epochs between decays, an integer >= 1");
        }

        var warmup = values.WarmupEpochs?.Value ?? JobDefaults.WarmupEpochs;
        if (usesSgd && warmup >= epochs && values.WarmupEpochs is { } warmupAt)
        {
            errors.Add(warmupAt.At, $"`warmup_epochs` must be less than `epochs` ({epochs}), got {warmup}: the main schedule needs at least one epoch");
        }

        var defaults = LrScheduleSpec.Default;
        return errors.Count != before ? null : new LrScheduleSpec(
            kind,
            values.LrStepSize?.Value ?? defaults.StepSize,
            values.LrGamma?.Value ?? defaults.Gamma,
            values.LrPlateauMetric?.Value ?? defaults.Metric,
            values.LrFactor?.Value ?? defaults.Factor,
            values.LrPatience?.Value ?? defaults.Patience,
            warmup);
    }

    /// <summary>
    /// The spec from read values and a method: the defaults of what the values leave out (epochs from the dataset
    /// file, the seed from run_num), and the checks that span keys. Null when dataset, backbone or method is missing
    /// (reported by the caller) or a check failed (recorded here). Job files and sweep points both come through here.
    /// </summary>
    public JobSpec? Build(JobValues values, MethodSpec? method)
    {
        var momentum = values.Momentum ?? JobDefaults.Momentum;
        var nesterov = values.Nesterov ?? JobDefaults.Nesterov;
        if (nesterov && momentum == 0 && values.NesterovAt is { } nesterovAt)
        {
            // torch.optim.SGD refuses this combination ("Nesterov momentum requires a momentum").
            errors.Add(nesterovAt, "`nesterov: true` needs `momentum` greater than 0");
            return null;
        }

        var epochs = values.Epochs ?? values.DatasetConfig?.Epochs ?? JobDefaults.Epochs;
        var schedule = BuildSchedule(values, epochs, usesSgd: method is not LinearProbeSpec);
        var head = BuildHead(values, method);
        var freeze = BuildFreeze(values, method, epochs, out var freezeValid);
        var targetValid = CheckTarget(values, method);
        if (values.Dataset is not { } dataset || values.Backbone is not { } backbone || method is null || schedule is null || head is null
            || !freezeValid || !targetValid)
        {
            return null;
        }

        var runNum = values.RunNum ?? JobDefaults.RunNum;
        return new JobSpec(
            dataset,
            values.DataRoot,
            values.ImageSize,
            backbone,
            values.Weights,
            method,
            epochs,
            values.BatchSize ?? JobDefaults.BatchSize,
            momentum,
            values.WeightDecay ?? JobDefaults.WeightDecay,
            nesterov,
            values.Augment ?? JobDefaults.Augment,
            runNum,
            values.Seed ?? Seeds.ForRunNum(runNum),
            values.Threads,
            values.Device ?? JobDefaults.Device,
            values.LogEveryNSteps ?? JobDefaults.LogEveryNSteps)
        {
            LrSchedule = schedule,
            Head = head,
            Freeze = freeze,
        };
    }

    /// <summary>The method a <c>method:</c> mapping describes (a sweep builds one such mapping per method point).</summary>
    public MethodSpec? ReadMethod(YamlMap methodMap) => new MethodSpecParser(this, new MappingReader(methodMap, errors)).Parse();

    /// <summary>
    /// The <c>dataset</c> value and its dataset file: a built-in name (unknown ones are errors listing the known), or
    /// a path ending in .yaml, made absolute against the job file's folder, whose own errors are reported with it.
    /// </summary>
    private (string? Name, DatasetConfig? Config) ReadDataset(MappingReader job)
    {
        if (job.String(JobKeys.Dataset) is not { } dataset)
        {
            return (null, null);
        }

        var node = job.Find(JobKeys.Dataset)!;
        if (!DatasetConfigs.IsPath(dataset))
        {
            if (DatasetConfigs.Find(dataset) is { } builtin)
            {
                return (builtin.Name, builtin);
            }

            var hint = KeySuggestions.Closest(dataset, DatasetConfigs.Names) is { } s ? $" (did you mean `{s}`?)" : "";
            errors.Add(node.Start, $"unknown dataset `{dataset}`{hint}; built-in datasets: {string.Join(", ", DatasetConfigs.Names)}; "
                + "or give the path of a dataset file (NAME.yaml)");
            return (null, null);
        }

        var path = Path.GetFullPath(dataset, baseDirectory);
        try
        {
            return (path, DatasetConfigs.Load(path));
        }
        catch (ConfigException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                errors.Add(node.Start, $"dataset file {error}");
            }

            return (null, null);
        }
    }

    /// <summary>
    /// An absolute path (relative ones are taken against the job file's folder), or a <see cref="JobReference"/>
    /// (<c>job:&lt;id&gt;</c>) kept as written: the farm resolves it to the file that job wrote.
    /// </summary>
    public string? ReadPath(MappingReader reader, string key)
    {
        if (reader.String(key) is not { } path)
        {
            return null;
        }

        if (!JobReference.IsReference(path))
        {
            return Path.GetFullPath(path, baseDirectory);
        }

        if (JobReference.TryParse(path, out _))
        {
            return path;
        }

        errors.Add(reader.Find(key)!.Start, $"`{key}` must be a file path or a job reference ({JobReference.Form}), got `{path}`"
            + $" (a file of that name: write ./{path})");
        return null;
    }

    private MethodSpec? ReadMethod(MappingReader job)
    {
        const string Shape = "a mapping with `name` (lp, ft, lp_ft or daft) and that method's keys";
        if (!job.Require(JobKeys.Method, Shape))
        {
            return null;
        }

        if (job.Find(JobKeys.Method) is not YamlMap methodMap)
        {
            var node = job.Find(JobKeys.Method)!;
            errors.Add(node.Start, $"`method` must be {Shape}, got {node.Describe()}");
            return null;
        }

        return ReadMethod(methodMap);
    }

    private static string? ExplainTopLevelKey(string key) =>
        MethodKeys.All.Contains(key) && key != MethodKeys.Name
            ? $"`{key}` is a method key: put it under `method:`"
            : null;

    private string? ReadDevice(MappingReader job)
    {
        var device = job.String(JobKeys.Device);
        if (device is null || DevicePattern().IsMatch(device))
        {
            return device;
        }

        errors.Add(job.Find(JobKeys.Device)!.Start, $"`device` must be cpu, cuda or cuda:N (N = 0, 1, ...), got `{device}`");
        return null;
    }

    [GeneratedRegex(@"^(cpu|cuda|cuda:[0-9]+)$")]
    private static partial Regex DevicePattern();
}
