using Daft.GpuNode.Jobs;
using Daft.GpuNode.Tests.Probing;
using Daft.Shared.Results;
using Daft.Shared.Results.TensorBoard;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Tests.Jobs;

/// <summary>A job that cannot run throws, and still leaves a result.json that says why.</summary>
[Collection(nameof(ThreadCountChanges))] // JobRunner sets libtorch's process-wide thread count
public sealed class JobFailureTests
{
    static (JobSpec Spec, string Folder) Job(string prefix, string yaml)
    {
        var folder = DigitsRuns.NewFolder(prefix);
        return (JobSpecLoader.Parse(yaml, Path.Combine(folder, "job.yaml")), folder);
    }

    static RunResult ReadResult(string folder) => RunResult.FromJson(File.ReadAllText(Path.Combine(folder, JobRunner.ResultFile)));

    [Fact]
    public void Missing_weights_throw_and_result_json_names_the_path()
    {
        var (spec, folder) = Job("no-weights", """
            dataset: digits
            backbone: small_cnn
            weights: nowhere/pretrained.safetensors
            method:
              name: ft
              lr: 0.05
            epochs: 1
            threads: 2
            """);

        var error = Assert.Throws<FileNotFoundException>(() => JobRunner.Run(spec, folder));

        var result = ReadResult(folder);
        Assert.Equal("failed", result.Status);
        Assert.Equal(JobIdentity.IdOf(spec), result.JobId);
        Assert.Contains(spec.Weights!, result.Error);
        Assert.Contains(spec.Weights!, error.Message);
        Assert.Empty(result.Epochs);
        Assert.False(File.Exists(Path.Combine(folder, JobRunner.ModelFile)));
        var log = File.ReadAllText(Path.Combine(folder, "job.log"));
        Assert.Contains(" ERR FAILED: FileNotFoundException: ", log);
        Assert.Contains($"{Environment.NewLine}System.IO.FileNotFoundException: ", log); // the stack is in job.log (not on stderr)
        Assert.False(Directory.Exists(Path.Combine(folder, RunEventFile.JobFolder)));
    }

    [Fact]
    public void An_unknown_dataset_fails_listing_the_known_ones()
    {
        // A job file naming it fails validation; a spec built in code (or by an older daft) reaches the runner.
        var (valid, folder) = Job("bad-dataset", """
            dataset: digits
            backbone: small_cnn
            method:
              name: lp
            threads: 2
            """);
        var spec = valid with { Dataset = "cifar100" };

        Assert.Throws<ArgumentException>(() => JobRunner.Run(spec, folder));

        var result = ReadResult(folder);
        Assert.Equal("failed", result.Status);
        Assert.Contains("'cifar100'", result.Error);
        Assert.Contains("cifar10, cifar10_c, digits, digits_da, digits_inverted", result.Error);
    }
}
