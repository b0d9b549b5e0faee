using System.Text.RegularExpressions;
using Daft.GpuNode.Farm.Execution;
using Daft.GpuNode.Jobs;
using Daft.GpuNode.Tests.Jobs;
using Daft.GpuNode.Tests.Probing;
using Daft.GpuNode.Weights;
using Daft.Shared.Results;

namespace Daft.GpuNode.Tests.Cli;

/// <summary>
/// <c>daft-node run-job</c>'s exit codes, which a scheduler acts on: 0 a result to keep, 2 a job file or input to
/// fix (retrying cannot help), 1 a run that failed on this machine.
/// </summary>
[Collection(nameof(ThreadCountChanges))] // JobRunner sets libtorch's process-wide thread count
public sealed class RunJobCommandTests
{
    readonly string _folder = DigitsRuns.NewFolder("run-job");

    string Out => Path.Combine(_folder, "out");

    string WriteJob(string yaml, string name = "job.yaml")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    RunResult ReadResult() => RunResult.FromJson(File.ReadAllText(Path.Combine(Out, JobRunner.ResultFile)));

    [Fact]
    public void A_finished_job_exits_0_and_prints_the_result_path()
    {
        // A 2-point probe on random features: the cheapest job that runs every stage of the runner.
        var job = WriteJob("""
            dataset: digits
            backbone: small_cnn
            method:
              name: lp
              c_num: 2
              max_iter: 20
            threads: 2
            """);

        var (code, stdout, stderr) = NodeCli.Run("run-job", job, "--out", Out);

        Assert.True(code == 0, stderr);
        Assert.Equal(Path.Combine(Out, JobRunner.ResultFile), stdout.Trim());
        Assert.Equal("succeeded", ReadResult().Status);
        // The job's log goes to stderr as well, one timestamped line an event: how the node tells log lines from errors.
        Assert.Matches(@"(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INF done in ", stderr);
        Assert.All(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.False(OutcomeText.IsErrorLine(line), line));
        Assert.True(File.Exists(Path.Combine(Out, JobRunner.ModelFile)));
    }

    [Fact]
    public void A_yaml_syntax_error_exits_2_naming_file_and_line()
    {
        var job = WriteJob("""
            dataset: digits
            backbone: small_cnn
            method:
              name: ft
              lr: 0.05
            epochs: [1
            """, "broken.yaml");

        var (code, stdout, stderr) = NodeCli.Run("run-job", job, "--out", Out);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Matches($@"{Regex.Escape(job)}:\d+:\d+: not valid YAML", stderr);
        Assert.False(Directory.Exists(Out)); // nothing ran, so nothing was written
    }

    [Fact]
    public void An_invalid_value_exits_2_naming_its_line_and_column()
    {
        var job = WriteJob("""
            dataset: digits
            backbone: small_cnn
            method:
              name: ft
              lr: 0.05
            epochs: 0
            """);

        var (code, _, stderr) = NodeCli.Run("run-job", job, "--out", Out);

        Assert.Equal(2, code);
        Assert.Contains($"{job}:6:9: `epochs` must be at least 1, got 0", stderr);
    }

    [Fact]
    public void Missing_data_exits_2_naming_where_it_looked()
    {
        var root = Path.Combine(_folder, "no-data");
        var job = WriteJob($"""
            dataset: cifar10
            data_root: {root}
            backbone: small_cnn
            method:
              name: lp
            threads: 2
            """);

        var (code, _, stderr) = NodeCli.Run("run-job", job, "--out", Out);

        Assert.Equal(2, code);
        Assert.Contains(root, stderr);
        Assert.Equal("failed", ReadResult().Status);
    }

    [Fact]
    public void Missing_weights_exit_2_naming_the_file()
    {
        var job = WriteJob("""
            dataset: digits
            backbone: small_cnn
            weights: missing.safetensors
            method:
              name: lp
            threads: 2
            """);

        var (code, _, stderr) = NodeCli.Run("run-job", job, "--out", Out);

        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(_folder, "missing.safetensors"), stderr);
        Assert.Equal("failed", ReadResult().Status);
    }

    /// <summary>Bad-input cases of issue 10 that only a node can see: weights files that are not safetensors or do not fit.</summary>
    [Theory]
    [InlineData("not-safetensors", "is not a safetensors file: header length 7310503696657575790 does not fit in 17 bytes.")]
    [InlineData("truncated", "is not a safetensors file: header length 64 does not fit in 18 bytes.")]
    [InlineData("mismatched", "The weights do not fit the model (conv1.weight, bn1.weight, bn1.bias, bn1.running_mean, bn1.running_var, ...); nothing was loaded.")]
    public void Corrupt_or_mismatched_weights_exit_2_naming_the_file_without_a_stack_trace(string kind, string message)
    {
        var header = System.Text.Encoding.UTF8.GetBytes("""{"fc.weight":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]}}""");
        byte[] bytes = kind switch
        {
            "not-safetensors" => System.Text.Encoding.UTF8.GetBytes("not a tensor file"),
            "truncated" => [.. BitConverter.GetBytes((ulong)header.Length), .. header[..10]],
            _ => [.. BitConverter.GetBytes((ulong)header.Length), .. header, 0, 0, 0, 0], // a valid file of one 1x1 tensor
        };
        var weights = Path.Combine(_folder, $"{kind}.safetensors");
        File.WriteAllBytes(weights, bytes);
        var job = WriteJob($"""
            dataset: digits
            backbone: small_cnn
            weights: {weights}
            method:
              name: lp
            threads: 2
            """);

        var (code, _, stderr) = NodeCli.Run("run-job", job, "--out", Out);

        Assert.Equal(2, code);
        Assert.Contains(kind == "mismatched" ? message : $"run-job: '{weights}' {message}", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal("failed", ReadResult().Status);
    }

    [Fact]
    public void A_job_that_fails_while_running_exits_1_and_says_why_in_result_json()
    {
        // A valid job file this machine cannot run: the CPU build has no CUDA, and no machine has 100 GPUs.
        var job = WriteJob("""
            dataset: digits
            backbone: small_cnn
            method:
              name: lp
            threads: 2
            device: cuda:99
            """);

        var (code, stdout, stderr) = NodeCli.Run("run-job", job, "--out", Out);

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("cuda:99", stderr);
        var result = ReadResult();
        Assert.Equal("failed", result.Status);
        Assert.Contains("cuda:99", result.Error);
    }

    [Fact]
    public void A_diverging_job_exits_0_with_status_stopped_nan_and_finite_weights()
    {
        // BN in eval mode leaves nothing to renormalise the activations: at lr 100 the loss is NaN within epoch 1.
        var job = WriteJob("""
            dataset: digits
            backbone: small_cnn
            method:
              name: ft
              lr: 100
              bn_mode: eval
            epochs: 2
            threads: 2
            """);

        var (code, _, stderr) = NodeCli.Run("run-job", job, "--out", Out);

        Assert.True(code == 0, stderr); // a result to keep: rerunning the same seed diverges the same way
        var result = ReadResult();
        Assert.Equal("stopped_nan", result.Status);
        Assert.Null(result.Error);
        Assert.Empty(result.Epochs); // epoch 1 never finished…
        Assert.Equal(0, result.ChosenEpoch); // …so the weights it started from stand
        Assert.Empty(result.Final);
        foreach (var (name, tensor) in SafeTensors.Load(Path.Combine(Out, JobRunner.ModelFile)))
        {
            using (tensor)
                Assert.True(tensor.isfinite().all().item<bool>(), $"{name} is not finite");
        }
        Assert.Contains("NaN", stderr);
    }
}
