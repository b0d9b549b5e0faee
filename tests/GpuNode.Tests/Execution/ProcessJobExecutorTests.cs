using System.Diagnostics;
using Daft.GpuNode.Farm.Execution;
using Daft.GpuNode.Jobs;
using Daft.Shared.Results;

namespace Daft.GpuNode.Tests.Execution;

/// <summary>
/// The default executor end to end: real <c>daft-node run-job</c> children (the build next to this assembly) on the
/// shipped digits, under a fresh farm home each.
/// </summary>
public sealed class ProcessJobExecutorTests
{
    readonly string _home = FarmJobs.NewHome();
    readonly ProcessJobExecutor _executor = new();
    readonly ProgressLog _progress = new();

    Task<JobOutcome> Run(JobWork work, CancellationToken cancellation = default) => _executor.RunAsync(work, _progress.Sink, cancellation);

    [Fact]
    public async Task A_job_succeeds_with_its_result_its_progress_and_an_attempt_log()
    {
        var work = FarmJobs.Work(_home, FarmJobs.OneEpoch, attempt: 3);

        var outcome = await Run(work);

        Assert.True(outcome.Status == "succeeded", outcome.Reason);
        Assert.Null(outcome.Reason);
        var folder = FarmJobs.Folder(work);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, JobRunner.ResultFile)), outcome.ResultJson);
        var result = RunResult.FromJson(outcome.ResultJson!);
        Assert.Equal((work.JobId, "succeeded", 2), (result.JobId, result.Status, result.Environment.Threads));
        Assert.True(File.Exists(Path.Combine(folder, JobRunner.ModelFile)));
        var milestone = Assert.Single(_progress.Events, e => e.Milestone).Progress;
        Assert.Equal((1, 1), (milestone.Epoch, milestone.Epochs));
        Assert.Equal(result.Epochs[0].Eval[0].Accuracy, milestone.IdVal);
        Assert.Equal("setup", _progress.Events[0].Progress.Phase);
        Assert.Equal("done", _progress.Events[^1].Progress.Phase);
        var log = File.ReadAllText(Path.Combine(folder, "attempt-3.log"));
        Assert.Contains("epoch 1/1", log); // the child's stderr
        Assert.Contains(ProgressLines.Prefix, log); // and its stdout
        Assert.Contains("exit code 0: succeeded", log);
    }

    [Fact]
    public async Task The_device_and_threads_of_the_work_override_the_spec_and_the_id_stays()
    {
        var work = FarmJobs.Work(_home, FarmJobs.Probe) with { Threads = 1 };

        var outcome = await Run(work);

        Assert.True(outcome.Status == "succeeded", outcome.Reason);
        var result = RunResult.FromJson(outcome.ResultJson!);
        Assert.Equal((work.JobId, 1, "cpu"), (result.JobId, result.Environment.Threads, result.Environment.Device));
    }

    [Fact]
    public async Task A_bad_spec_fails_for_good_naming_the_error()
    {
        var yaml = FarmJobs.OneEpoch.Replace("epochs: 1", "epochs: 0");
        var work = new JobWork("0123456789abcdef", 1, yaml, "cpu", 2, _home, null);

        var outcome = await Run(work);

        Assert.Equal(("failed", false), (outcome.Status, outcome.Retryable));
        Assert.StartsWith("bad job spec: ", outcome.Reason);
        Assert.Contains("`epochs` must be at least 1, got 0", outcome.Reason);
        Assert.Null(outcome.ResultJson);
    }

    [Fact]
    public async Task A_job_whose_id_differs_here_is_refused()
    {
        var work = FarmJobs.Work(_home, FarmJobs.OneEpoch) with { JobId = "fedcba9876543210" };

        var outcome = await Run(work);

        Assert.Equal(("failed", false), (outcome.Status, outcome.Retryable));
        Assert.Contains($"id is {FarmJobs.IdOf(FarmJobs.OneEpoch)}, not fedcba9876543210", outcome.Reason);
        Assert.Empty(_progress.Events); // refused before it started
    }

    [Fact]
    public async Task Cancelling_kills_the_child_quickly()
    {
        var work = FarmJobs.Work(_home, FarmJobs.ManyEpochs);
        using var cancel = new CancellationTokenSource();
        var running = Run(work, cancel.Token);
        await _progress.WaitFor((p, _) => p.Phase == "train");
        var specPath = Path.Combine(FarmJobs.Folder(work), "spec.yaml");
        Assert.NotEmpty(ChildProcesses.Mentioning(specPath));

        var clock = Stopwatch.StartNew();
        cancel.Cancel();
        var outcome = await running;

        Assert.Equal("cancelled", outcome.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Empty(ChildProcesses.Mentioning(specPath));
        Assert.Contains("cancelled: the job process tree was killed", File.ReadAllText(Path.Combine(FarmJobs.Folder(work), "attempt-1.log")));
    }

    [Fact]
    public async Task A_child_killed_by_a_signal_is_retryable_and_says_which()
    {
        var work = FarmJobs.Work(_home, FarmJobs.ManyEpochs);
        var running = Run(work);
        await _progress.WaitFor((p, _) => p.Phase == "train");

        foreach (var pid in ChildProcesses.Mentioning(Path.Combine(FarmJobs.Folder(work), "spec.yaml")))
            Process.GetProcessById(pid).Kill(); // SIGKILL, as the kernel's OOM killer sends
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new JobOutcome("failed", "job process killed by signal 9 (SIGKILL)", true, null), outcome);
    }

    [Fact]
    public async Task A_job_runs_from_the_weights_and_head_another_job_wrote_under_the_home()
    {
        var lp = FarmJobs.Work(_home, FarmJobs.Probe);
        Assert.Equal("succeeded", (await Run(lp)).Status);
        var lpFt = FarmJobs.Work(_home, $"""
            dataset: digits
            backbone: small_cnn
            weights: job:{lp.JobId}
            method:
              name: lp_ft
              lr: 0.001
              lp_head: job:{lp.JobId}
            epochs: 1
            threads: 2
            """);

        var outcome = await Run(lpFt);

        Assert.True(outcome.Status == "succeeded", outcome.Reason);
        var log = File.ReadAllText(Path.Combine(FarmJobs.Folder(lpFt), "job.log"));
        Assert.Contains($"weights: job:{lp.JobId}: Weights '{Path.Combine(FarmJobs.Folder(lp), "model.safetensors")}'", log);
        Assert.Contains($"head from job:{lp.JobId} ({Path.Combine(FarmJobs.Folder(lp), "head.safetensors")})", log);
        // The reference, not the path, is part of the spec the result records: the id stays the same on every machine.
        Assert.Equal($"job:{lp.JobId}", RunResult.FromJson(outcome.ResultJson!).Spec.GetProperty("weights").GetString());
    }

    [Fact]
    public async Task A_job_whose_referenced_job_has_not_run_fails_for_good_naming_it()
    {
        const string Missing = "00000000deadbeef";
        var work = FarmJobs.Work(_home, FarmJobs.Probe.Replace("backbone: small_cnn", $"backbone: small_cnn\nweights: job:{Missing}"));

        var outcome = await Run(work);

        Assert.Equal(("failed", false), (outcome.Status, outcome.Retryable));
        Assert.Equal($"bad job spec: the job {Missing} has not produced {Path.Combine(_home, "jobs", Missing, "model.safetensors")}; it must succeed first",
            outcome.Reason);
    }

    [Fact]
    public async Task A_missing_executable_is_a_retryable_failure_not_an_exception()
    {
        var executor = new ProcessJobExecutor(new NodeCommand(Path.Combine(_home, "no-such-daft-node"), []));

        var outcome = await executor.RunAsync(FarmJobs.Work(_home, FarmJobs.OneEpoch), _progress.Sink, default);

        Assert.Equal(("failed", true), (outcome.Status, outcome.Retryable));
        Assert.StartsWith("could not run the job process: ", outcome.Reason);
    }

    [Fact]
    public void The_command_is_this_build_s_daft_node()
    {
        var command = NodeCommand.Current();

        // Under a test host: the apphost next to this assembly, or a .NET host with daft-node.dll.
        var program = command.LeadingArguments.Count == 0 ? command.FileName : command.LeadingArguments[0];
        Assert.Equal(AppContext.BaseDirectory.TrimEnd('/'), Path.GetDirectoryName(program));
        Assert.StartsWith("daft-node", Path.GetFileName(program));
        Assert.True(File.Exists(program), program);
    }
}
