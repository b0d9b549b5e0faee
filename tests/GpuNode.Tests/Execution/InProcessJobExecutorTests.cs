using Daft.GpuNode.Farm.Execution;
using Daft.GpuNode.Jobs;
using Daft.GpuNode.Tests.Probing;
using Daft.Shared.Results;

namespace Daft.GpuNode.Tests.Execution;

/// <summary>The in-process executor: the same folder, log and classification as the process one, no child.</summary>
[Collection(nameof(ThreadCountChanges))] // JobRunner sets libtorch's process-wide thread count
public sealed class InProcessJobExecutorTests
{
    readonly string _home = FarmJobs.NewHome();
    readonly InProcessJobExecutor _executor = new();
    readonly ProgressLog _progress = new();

    Task<JobOutcome> Run(JobWork work, CancellationToken cancellation = default) => _executor.RunAsync(work, _progress.Sink, cancellation);

    [Fact]
    public async Task A_job_succeeds_into_its_folder_with_progress_and_an_attempt_log()
    {
        var work = FarmJobs.Work(_home, FarmJobs.OneEpoch, attempt: 2);

        var outcome = await Run(work);

        Assert.True(outcome.Status == "succeeded", outcome.Reason);
        var folder = FarmJobs.Folder(work);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, JobRunner.ResultFile)), outcome.ResultJson);
        Assert.Equal(work.JobId, RunResult.FromJson(outcome.ResultJson!).JobId);
        Assert.Equal(1, Assert.Single(_progress.Events, e => e.Milestone).Progress.Epoch);
        Assert.Contains("epoch 1/1", File.ReadAllText(Path.Combine(folder, "attempt-2.log")));
    }

    [Fact]
    public async Task Each_attempt_keeps_its_own_log_and_job_log_is_the_last_ones()
    {
        var first = FarmJobs.Work(_home, FarmJobs.Probe, attempt: 1);

        var outcomes = new[] { await Run(first), await Run(first with { Attempt = 2 }) };

        Assert.All(outcomes, outcome => Assert.True(outcome.Status == "succeeded", outcome.Reason));
        var folder = FarmJobs.Folder(first);
        var attempts = new[] { "attempt-1.log", "attempt-2.log" }.Select(name => File.ReadAllLines(Path.Combine(folder, name))).ToList();
        var jobLog = File.ReadAllLines(Path.Combine(folder, JobLogs.FileName));
        foreach (var lines in attempts.Append(jobLog))
        {
            // One run of the job each: its first line names it, its last says it is done; every line is a log line.
            Assert.Single(lines, line => line.Contains($" INF job {first.JobId}: lp on digits", StringComparison.Ordinal));
            Assert.Contains(" INF done in ", lines[^1]);
            Assert.All(lines, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INF|WRN|ERR) ", line));
        }
    }

    [Fact]
    public async Task A_bad_spec_and_a_skewed_id_fail_for_good()
    {
        var bad = await Run(new JobWork("0123456789abcdef", 1, FarmJobs.OneEpoch.Replace("epochs: 1", "epochs: 0"), "cpu", 2, _home, null));
        var skewed = await Run(FarmJobs.Work(_home, FarmJobs.OneEpoch) with { JobId = "fedcba9876543210" });
        var notAnId = await Run(FarmJobs.Work(_home, FarmJobs.OneEpoch) with { JobId = "../escape" });

        Assert.Equal(("failed", false), (bad.Status, bad.Retryable));
        Assert.Contains("`epochs` must be at least 1, got 0", bad.Reason);
        Assert.Equal(("failed", false), (skewed.Status, skewed.Retryable));
        Assert.Contains("not fedcba9876543210", skewed.Reason);
        Assert.Equal(("failed", false), (notAnId.Status, notAnId.Retryable));
        Assert.False(Directory.Exists(Path.Combine(_home, "escape")));
    }

    [Fact]
    public async Task Cancelling_stops_the_job_between_batches()
    {
        using var cancel = new CancellationTokenSource();
        var running = Run(FarmJobs.Work(_home, FarmJobs.ManyEpochs), cancel.Token);
        await _progress.WaitFor((p, _) => p.Phase == "train");

        cancel.Cancel();
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("cancelled", outcome.Status);
    }

    [Fact]
    public async Task A_missing_lp_head_names_the_lp_job_and_the_file()
    {
        const string Missing = "00000000deadbeef";
        var work = FarmJobs.Work(_home, $"""
            dataset: digits
            backbone: small_cnn
            method:
              name: lp_ft
              lr: 0.001
              lp_head: job:{Missing}
            epochs: 1
            threads: 2
            """);

        var outcome = await Run(work);

        Assert.Equal(("failed", false), (outcome.Status, outcome.Retryable));
        Assert.Equal($"bad job spec: the LP job {Missing} has not produced {Path.Combine(_home, "jobs", Missing, "head.safetensors")}; it must succeed first",
            outcome.Reason);
        Assert.Equal("failed", RunResult.FromJson(outcome.ResultJson!).Status); // the runner still wrote why
    }

    [Fact]
    public void A_gpu_job_in_process_runs_on_its_physical_device()
    {
        var work = new JobWork("0123456789abcdef", 1, "", "cuda:0", 4, _home, "2");

        Assert.Equal("cuda:2", InProcessJobExecutor.DeviceFor(work, visible: ""));
        Assert.Equal("cuda:1", InProcessJobExecutor.DeviceFor(work, visible: "0,2"));
        Assert.Equal("cpu", InProcessJobExecutor.DeviceFor(work with { Device = "cpu", CudaVisibleDevice = null }, visible: "0,2"));
        Assert.Throws<InvalidOperationException>(() => InProcessJobExecutor.DeviceFor(work, visible: "0,1"));
    }
}
