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
        var (dataset, datasetConfig) = ReadDataset(job);
        var dataRoot = job.String(JobKeys.DataRoot);
        var imageSize = job.Int(JobKeys.ImageSize, minimum: 1);
        var backbone = job.Choice(JobKeys.Backbone, BackboneNames.All, "backbone");
        var weights = ReadPath(job, JobKeys.Weights);
        var epochs = job.Int(JobKeys.Epochs, minimum: 1) ?? datasetConfig?.Epochs ?? JobDefaults.Epochs;
        var batchSize = job.Int(JobKeys.BatchSize, minimum: 1) ?? JobDefaults.BatchSize;
        var momentum = job.Double(JobKeys.Momentum, NumberRange.NonNegative) ?? JobDefaults.Momentum;
        var weightDecay = job.Double(JobKeys.WeightDecay, NumberRange.NonNegative) ?? JobDefaults.WeightDecay;
        var nesterov = job.Bool(JobKeys.Nesterov) ?? JobDefaults.Nesterov;
        var augment = job.Bool(JobKeys.Augment) ?? JobDefaults.Augment;
        var runNum = job.Int(JobKeys.RunNum, minimum: 1) ?? JobDefaults.RunNum;
        var seed = job.Long(JobKeys.Seed, minimum: 0) ?? Seeds.ForRunNum(runNum);
        var threads = job.Int(JobKeys.Threads, minimum: 1);
        var device = ReadDevice(job) ?? JobDefaults.Device;
        var logEveryNSteps = job.Int(JobKeys.LogEveryNSteps, minimum: 0) ?? JobDefaults.LogEveryNSteps;

        if (nesterov && momentum == 0 && job.Find(JobKeys.Nesterov) is { } nesterovNode)
        {
            // torch.optim.SGD refuses this combination ("Nesterov momentum requires a momentum").
            errors.Add(nesterovNode.Start, "`nesterov: true` needs `momentum` greater than 0");
        }

        if (!errors.IsEmpty || dataset is null || backbone is null || method is null)
        {
            return null;
        }

        return new JobSpec(dataset, dataRoot, imageSize, backbone, weights, method, epochs, batchSize, momentum,
            weightDecay, nesterov, augment, runNum, seed, threads, device, logEveryNSteps);
    }

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

    /// <summary>An absolute path: relative ones are taken against the job file's folder.</summary>
    public string? ReadPath(MappingReader reader, string key) =>
        reader.String(key) is { } path ? Path.GetFullPath(path, baseDirectory) : null;

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

        return new MethodSpecParser(this, new MappingReader(methodMap, errors)).Parse();
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
