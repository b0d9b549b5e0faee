using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Daft.GpuNode.Data;
using Daft.GpuNode.Devices;
using Daft.GpuNode.Models;
using Daft.GpuNode.Pipelines;
using Daft.GpuNode.Weights;
using Daft.Shared.Farm;
using Daft.Shared.Results;
using Daft.Shared.Results.TensorBoard;
using Daft.Shared.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Daft.GpuNode.Jobs;

/// <summary>
/// Runs one job in this process: seeds, loads data and weights, runs the method's pipeline and writes
/// <c>result.json</c>, <c>model.safetensors</c> (its metadata carries the job id and canonical spec, as
/// torchvision checkpoints carry their args), <c>spec.yaml</c>, <c>job.log</c> and, once result.json is written,
/// <c>tensorboard/events.out.tfevents.*</c> (its epochs as TensorBoard scalars, <see cref="RunEventFile"/>) into the
/// output folder. A failure still writes <c>result.json</c>, with status <c>failed</c> and the reason.
/// </summary>
public static class JobRunner
{
    public const string ResultFile = "result.json";
    public const string ModelFile = "model.safetensors";

    /// <param name="spec">the job; its <c>job:&lt;id&gt;</c> references stay as they are (they are part of its id).</param>
    /// <param name="outputDirectory">where the job's files go (the farm: <c>&lt;home&gt;/jobs/&lt;id&gt;</c>).</param>
    /// <param name="cancellation">stops the job between batches; it then throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="log">where the job's log goes besides job.log (<see cref="JobLogs"/>; default nowhere else).</param>
    /// <param name="progress">receives (progress, milestone) as the job goes: see <see cref="JobProgressReporter"/>.</param>
    /// <param name="home">the farm home that <c>job:&lt;id&gt;</c> references resolve against (default <see cref="Daft.Shared.Data.FarmHome.Resolve"/>).</param>
    public static RunResult Run(JobSpec spec, string outputDirectory, CancellationToken cancellation = default, Serilog.ILogger? log = null,
        Action<JobProgress, bool>? progress = null, string? home = null)
    {
        Directory.CreateDirectory(outputDirectory);
        var id = JobIdentity.IdOf(spec);
        using var jobLog = JobLogs.ForJob(outputDirectory, id, log);
        return RunLogged(spec, id, outputDirectory, cancellation, jobLog, progress, home);
    }

    static RunResult RunLogged(JobSpec spec, string id, string outputDirectory, CancellationToken cancellation, Serilog.ILogger log,
        Action<JobProgress, bool>? progress, string? home)
    {
        File.WriteAllText(Path.Combine(outputDirectory, "spec.yaml"), spec.ToYaml());
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var threads = spec.Threads ?? Environment.ProcessorCount;
        set_num_threads(threads);
        var environment = DescribeEnvironment(spec.Device, threads);
        log.Information("job {JobId}: {Method} on {Dataset} with {Backbone}, run_num {RunNum}, seed {Seed}, {Threads} threads, {Device}",
            id, spec.Method.Name, spec.Dataset, spec.Backbone, spec.RunNum, spec.Seed, threads, spec.Device);
        var reporter = new JobProgressReporter(progress, spec.Method is LinearProbeSpec ? 0 : spec.Epochs);
        var references = home is null ? JobReferences.FromEnvironment : new JobReferences(home);
        RunResult result;
        try
        {
            reporter.Phase(JobPhases.Setup);
            var device = DeviceSelector.Select(spec.Device);
            // One seed for everything torch draws (head init); the loaders derive their streams from it too.
            manual_seed(spec.Seed);
            using var data = DatasetCatalog.Load(spec.Dataset, spec.ResolveDataRoot(), spec.ImageSize);
            log.Information("data: {Train}; {IdVal}; OOD: {Ood}", data.Train.ToString(), data.IdVal.ToString(), data.Ood.Count == 0 ? "none" : string.Join("; ", data.Ood));
            using var model = Backbones.Create(spec.Backbone, data.NumClasses);
            if (spec.Weights is { } weights)
                log.Information("weights: {Weights}", LoadWeights(model, references, weights));
            else
                log.Information("weights: none given, random init");
            model.to(device);
            var context = new JobContext
            {
                Spec = spec,
                JobId = id,
                Data = data,
                Device = device,
                OutputDirectory = outputDirectory,
                Log = log,
                Cancellation = cancellation,
                Progress = reporter,
                References = references,
                CreateModel = () => Backbones.Create(spec.Backbone, data.NumClasses).to(device),
            };
            var setup = total.Elapsed.TotalSeconds;
            var outcome = PipelineFactory.For(spec.Method).Run(context, model);
            StateDictLoader.Save(model, Path.Combine(outputDirectory, ModelFile),
                new Dictionary<string, string> { ["job_id"] = id, ["spec"] = JobIdentity.CanonicalJson(spec), ["method"] = spec.Method.Name, ["chosen_epoch"] = outcome.ChosenEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var timings = new Timings(total.Elapsed.TotalSeconds, setup, outcome.BnConversionSeconds, outcome.ProbeSeconds,
                outcome.TrainSeconds, outcome.EvalSeconds, outcome.TrainImagesPerSecond);
            result = new RunResult(id, spec.Method.Name, spec.Dataset, spec.Backbone, spec.RunNum, spec.Seed,
                outcome.StoppedOnNaN ? "stopped_nan" : "succeeded", null, outcome.ChosenEpoch, outcome.Final, outcome.Epochs, outcome.Steps,
                outcome.Probe, outcome.Distortion is null ? null : JsonSerializer.SerializeToElement(outcome.Distortion, RunResult.JsonOptions),
                timings, environment, SpecJson(spec));
            if (outcome.Final.IsEmpty)
                log.Information("done in {Seconds:F1}s: no epoch finished; the starting weights are saved", total.Elapsed.TotalSeconds);
            else
                log.Information("done in {Seconds:F1}s: epoch {ChosenEpoch} chosen, {Final}", total.Elapsed.TotalSeconds, outcome.ChosenEpoch, Evaluation.Describe(outcome.Final));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            log.Error(error, "FAILED: {ErrorType}: {Error}", error.GetType().Name, error.Message);
            result = RunResult.Failed(id, spec.Method.Name, spec.Dataset, spec.Backbone, spec.RunNum, spec.Seed, $"{error.GetType().Name}: {error.Message}", total.Elapsed.TotalSeconds, environment, SpecJson(spec));
            Write(outputDirectory, result);
            throw;
        }
        Write(outputDirectory, result);
        WriteTensorBoard(outputDirectory, result, started, log);
        reporter.Phase(JobPhases.Done);
        return result;
    }

    /// <summary>Loads the spec's weights, a file or the model a <c>job:&lt;id&gt;</c> wrote; the report names both.</summary>
    static string LoadWeights(ClassifierNetwork model, JobReferences references, string weights)
    {
        var path = references.Weights(weights);
        var report = StateDictLoader.Load(model, path).ToString();
        return path == weights ? report : $"{weights}: {report}";
    }

    static void Write(string outputDirectory, RunResult result)
    {
        var path = Path.Combine(outputDirectory, ResultFile);
        File.WriteAllText(path + ".tmp", result.ToJson());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>
    /// The event file for <c>tensorboard --logdir &lt;home&gt;/jobs</c>. result.json is the job's record and is already
    /// written: a disk that refuses this file is logged, not a failed job (the file can be rebuilt from the ledger with
    /// <c>daft results tensorboard</c>).
    /// </summary>
    static void WriteTensorBoard(string outputDirectory, RunResult result, DateTimeOffset started, Serilog.ILogger log)
    {
        try
        {
            RunEventFile.Write(Path.Combine(outputDirectory, RunEventFile.JobFolder), result, started);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            log.Warning("tensorboard events not written: {ErrorType}: {Error}", error.GetType().Name, error.Message);
        }
    }

    static JsonElement SpecJson(JobSpec spec) => JsonDocument.Parse(JobIdentity.CanonicalJson(spec)).RootElement.Clone();

    static RunEnvironment DescribeEnvironment(string device, int threads) => new(
        typeof(JobRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown",
        __version__,
        System.Environment.Version.ToString(),
        device,
        threads,
        System.Environment.MachineName);
}
